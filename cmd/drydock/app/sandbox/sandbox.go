// Package sandbox is `drydock sandbox`: the local AWS every drydock
// command uses by default.
package sandbox

import (
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/down"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/env"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/reset"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/serve"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/status"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/sandbox/up"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock sandbox`.
func NewCommand(streams cli.Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Manage the local sandbox: fakeaws running in the background",
		Long: `The sandbox is the free AWS every drydock command uses by default: fakeaws
and its DNS server running in the background on loopback, with their data in
$DRYDOCK_HOME/sandbox (default ~/.drydock/sandbox). Commands that need it
start it; the next ones reuse it.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(up.NewCommand(streams))
	cmd.AddCommand(down.NewCommand(streams))
	cmd.AddCommand(status.NewCommand(streams))
	cmd.AddCommand(env.NewCommand(streams))
	cmd.AddCommand(reset.NewCommand(streams))
	cmd.AddCommand(serve.NewCommand(streams))
	return cmd
}
