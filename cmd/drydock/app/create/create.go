// Package create is `drydock create`: `create -f FILE` and `create cluster`.
package create

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/create/cluster"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	State    string
	Filename string
}

// NewCommand returns `drydock create`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "create -f FILE",
		Short: "Create clusters and instance groups from a manifest, or a cluster from flags",
		Example: `  drydock create -f cluster.yaml
  drydock create cluster k8s.example.com --zones us-east-1a`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if flags.Filename == "" {
				return fmt.Errorf("create: pass -f FILE (or -f - for stdin), or use `drydock create cluster`")
			}
			return ops.CreateFile(cmd.Context(), clusterflags.Env(flags.State, streams), flags.Filename, streams.In, ops.ApplyOptions{}, streams.Out)
		},
	}
	clusterflags.AddState(cmd, &flags.State)
	cmd.Flags().StringVarP(&flags.Filename, "filename", "f", "", "manifest of Cluster and InstanceGroup objects (- for stdin)")
	cmd.AddCommand(cluster.NewCommand(streams, &flags.State))
	return cmd
}
