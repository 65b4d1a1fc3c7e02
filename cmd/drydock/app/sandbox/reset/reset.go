// Package reset is `drydock sandbox reset`.
package reset

import (
	"errors"
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock sandbox reset`.
func NewCommand(streams cli.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "reset",
		Short: "Wipe everything in the sandbox (every account, bucket, instance, zone); asks nothing",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info, err := sandbox.Reset(cmd.Context(), sandbox.Options{})
			if errors.Is(err, sandbox.ErrNotRunning) {
				fmt.Fprintln(streams.Out, "sandbox is not running: nothing reset; start it with: drydock sandbox up")
				return nil
			}
			if err != nil {
				return fmt.Errorf("sandbox reset: %w", err)
			}
			fmt.Fprintf(streams.Out, "sandbox reset: wiped every account's state at %s (pid %d keeps running)\n", info.Endpoint, info.PID)
			return nil
		},
	}
}
