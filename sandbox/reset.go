package sandbox

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// Reset wipes every account's state in the running sandbox of opts.Home
// (POST /_drydock/reset) and returns it; ErrNotRunning if none runs.
func Reset(ctx context.Context, opts Options) (*Info, error) {
	info, err := Running(ctx, opts)
	if err != nil {
		return nil, err
	}
	if info == nil {
		return nil, ErrNotRunning
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, info.Endpoint+"/_drydock/reset", nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("reset the sandbox at %s: %w", info.Endpoint, err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return nil, fmt.Errorf("reset the sandbox at %s: %s: %s", info.Endpoint, resp.Status, body)
	}
	return info, nil
}
