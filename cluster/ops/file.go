package ops

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

// readFile reads a manifest from name, or from stdin when name is "-".
func readFile(name string, stdin io.Reader) (*api.Manifest, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("read the manifest: %w", err)
	}
	source := name
	if name == "-" {
		source = "stdin"
	}
	return ReadManifest(data, source)
}

// CreateFile is `create -f FILE`: read, open the store, Create.
func CreateFile(ctx context.Context, env Env, name string, stdin io.Reader, opts ApplyOptions, out io.Writer) error {
	m, err := readFile(name, stdin)
	if err != nil {
		return err
	}
	store, err := env.Open(ctx)
	if err != nil {
		return err
	}
	if err := Create(ctx, store, m, opts, out); err != nil {
		return err
	}
	reportUnmodelled(env.log(), m)
	return nil
}

// ReplaceFile is `replace -f FILE`: read, open the store, Replace.
func ReplaceFile(ctx context.Context, env Env, name string, stdin io.Reader, opts ApplyOptions, out io.Writer) error {
	m, err := readFile(name, stdin)
	if err != nil {
		return err
	}
	store, err := env.Open(ctx)
	if err != nil {
		return err
	}
	if err := Replace(ctx, store, m, opts, out); err != nil {
		return err
	}
	reportUnmodelled(env.log(), m)
	return nil
}
