// Package delete is `drydock delete cluster`.
package delete

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	State string
	Name  string
	Yes   bool
}

// NewCommand returns `drydock delete`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "delete",
		Short: "Delete a cluster",
		Args:  cobra.NoArgs,
	}
	clusterflags.AddState(cmd, &flags.State)
	cluster := &cobra.Command{
		Use:   "cluster [NAME] --yes",
		Short: "Delete a cluster from the state store (cloud resources: not yet)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := clusterflags.Name(flags.Name)
			if len(args) == 1 {
				if flags.Name != "" && flags.Name != args[0] {
					return fmt.Errorf("delete cluster: the name %q and --name %q differ; give one", args[0], flags.Name)
				}
				name = args[0]
			}
			store, err := clusterflags.Env(flags.State, streams).Open(cmd.Context())
			if err != nil {
				return err
			}
			return ops.DeleteCluster(cmd.Context(), store, name, flags.Yes, streams.Out, streams.Err)
		},
	}
	clusterflags.AddName(cluster, &flags.Name)
	cluster.Flags().BoolVarP(&flags.Yes, "yes", "y", false, "delete; without it, list what would be deleted")
	cmd.AddCommand(cluster)
	return cmd
}
