// Package status is `drydock sandbox status`.
package status

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

type flagpole struct {
	Output string
}

// NewCommand returns `drydock sandbox status`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show whether the sandbox runs, where, and the clusters it holds",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := sandbox.Status(cmd.Context(), sandbox.Options{})
			if err != nil {
				return fmt.Errorf("sandbox status: %w", err)
			}
			return sandbox.WriteStatus(streams.Out, st, flags.Output)
		},
	}
	cmd.Flags().StringVarP(&flags.Output, "output", "o", "table", "output format: table or json")
	return cmd
}
