// Package aws is `drydock aws`: fakeaws, the local AWS.
package aws

import (
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/aws/serve"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock aws`.
func NewCommand(streams cli.Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "aws",
		Short: "Run fakeaws, a wire-compatible AWS on loopback",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(serve.NewCommand(streams))
	return cmd
}
