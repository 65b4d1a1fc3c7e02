package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// Health is what GET /_drydock/health answers.
type Health struct {
	Status   string   `json:"status"`
	Services []string `json:"services"`
	Uptime   string   `json:"uptime"`
	DataDir  string   `json:"dataDir"`
}

// healthTimeout bounds one health check.
const healthTimeout = 2 * time.Second

// client is the HTTP client of drydock's own endpoints; it keeps no idle
// connections, which would delay the sandbox's graceful shutdown.
var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: healthTimeout}

// health asks endpoint for its health.
func health(ctx context.Context, endpoint string) (*Health, error) {
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"/_drydock/health", nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s/_drydock/health: %s", endpoint, resp.Status)
	}
	var h Health
	if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
		return nil, fmt.Errorf("GET %s/_drydock/health: %w", endpoint, err)
	}
	return &h, nil
}

// healthy reports whether info's process is a live sandbox answering its
// health check.
func healthy(ctx context.Context, info *Info) bool {
	if info == nil || !isSandbox(info.PID) {
		return false
	}
	_, err := health(ctx, info.Endpoint)
	return err == nil
}
