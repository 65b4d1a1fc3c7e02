// Package env is `drydock sandbox env`.
package env

import (
	"fmt"

	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/sandbox"
	"github.com/spf13/cobra"
)

// NewCommand returns `drydock sandbox env`.
func NewCommand(streams cli.Streams) *cobra.Command {
	return &cobra.Command{
		Use:   "env",
		Short: "Print the exports that point the AWS CLI, Terraform and kOps at the sandbox",
		Long: `Print the exports that point the AWS CLI, the AWS SDKs, Terraform and kOps at
the sandbox, starting it if it is not running.`,
		Example: `  eval "$(drydock sandbox env)"
  aws sts get-caller-identity`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			info, err := sandbox.Ensure(cmd.Context(), sandbox.Options{})
			if err != nil {
				return fmt.Errorf("sandbox env: %w", err)
			}
			if info.Started {
				fmt.Fprintf(streams.Err, "started the sandbox: pid %d, endpoint %s (stop it with: drydock sandbox down)\n", info.PID, info.Endpoint)
			}
			return sandbox.WriteExports(streams.Out, sandbox.Env(info))
		},
	}
}
