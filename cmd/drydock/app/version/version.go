// Package version is `drydock version`.
package version

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	v "github.com/drydock-sandbox/drydock/internal/version"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock version`.
func NewCommand(streams cli.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print drydock's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(streams.Out, v.String())
			return err
		},
	}
}
