// Package down is `drydock sandbox down`.
package down

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock sandbox down`.
func NewCommand(streams cli.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "down",
		Short: "Stop the sandbox (its data stays; drydock sandbox up brings it back)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info, err := sandbox.Stop(cmd.Context(), sandbox.Options{})
			if err != nil {
				return fmt.Errorf("sandbox down: %w", err)
			}
			if info == nil {
				fmt.Fprintln(streams.Out, "sandbox was not running")
				return nil
			}
			fmt.Fprintf(streams.Out, "sandbox stopped: pid %d, endpoint %s\n", info.PID, info.Endpoint)
			return nil
		},
	}
}
