// Package serve is `drydock sandbox serve`, the hidden command the sandbox
// runs as.
package serve

import (
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

type flagpole struct {
	Home  string
	Speed float64
}

// NewCommand returns `drydock sandbox serve`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:    "serve",
		Short:  "Run the sandbox in the foreground (drydock sandbox up runs this in the background)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return sandbox.Serve(cmd.Context(), sandbox.Options{Home: flags.Home, Speed: &flags.Speed}, streams.Err)
		},
	}
	cmd.Flags().StringVar(&flags.Home, "home", "", "drydock's home directory (default $DRYDOCK_HOME, ~/.drydock)")
	cmd.Flags().Float64Var(&flags.Speed, "speed", 1, "scale AWS-like delays by 1/speed (0 makes them immediate)")
	return cmd
}
