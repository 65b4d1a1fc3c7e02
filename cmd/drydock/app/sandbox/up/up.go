// Package up is `drydock sandbox up`.
package up

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

type flagpole struct {
	Speed float64
}

// NewCommand returns `drydock sandbox up`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "up",
		Short: "Start the sandbox in the background, or report the one running",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts := sandbox.Options{}
			if cmd.Flags().Changed("speed") {
				opts.Speed = &flags.Speed
			}
			info, err := sandbox.Ensure(cmd.Context(), opts)
			if err != nil {
				return fmt.Errorf("sandbox up: %w", err)
			}
			verb := "started"
			if !info.Started {
				verb = "already running"
			}
			fmt.Fprintf(streams.Out, "sandbox %s: pid %d, endpoint %s, DNS %s, speed %v\n", verb, info.PID, info.Endpoint, info.DNSAddr, info.Speed)
			if !info.Started && opts.Speed != nil && *opts.Speed != info.Speed {
				fmt.Fprintf(streams.Err, "it runs at speed %v, not %v; to change it: drydock sandbox down && drydock sandbox up --speed %v\n", info.Speed, *opts.Speed, *opts.Speed)
			}
			fmt.Fprintln(streams.Err, `Use it from your shell with: eval "$(drydock sandbox env)"`)
			return nil
		},
	}
	cmd.Flags().Float64Var(&flags.Speed, "speed", 1, "scale AWS-like delays by 1/speed when starting (0 makes them immediate)")
	return cmd
}
