// Package replace is `drydock replace -f FILE`.
package replace

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	State    string
	Filename string
	Force    bool
}

// NewCommand returns `drydock replace`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:     "replace -f FILE",
		Short:   "Replace clusters and instance groups in the state store by a manifest's",
		Example: `  drydock get all --name k8s.example.com -o yaml > c.yaml && $EDITOR c.yaml && drydock replace -f c.yaml`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if flags.Filename == "" {
				return fmt.Errorf("replace: pass -f FILE (or -f - for stdin)")
			}
			return ops.ReplaceFile(cmd.Context(), clusterflags.Env(flags.State, streams), flags.Filename, streams.In,
				ops.ApplyOptions{Force: flags.Force}, streams.Out)
		},
	}
	clusterflags.AddState(cmd, &flags.State)
	cmd.Flags().StringVarP(&flags.Filename, "filename", "f", "", "manifest of Cluster and InstanceGroup objects (- for stdin)")
	cmd.Flags().BoolVar(&flags.Force, "force", false, "create the objects that do not exist")
	return cmd
}
