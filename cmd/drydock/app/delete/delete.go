// Package delete is `drydock delete cluster`.
package delete

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/catalog"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/lifecycle"
)

type flagpole struct {
	State  string
	Name   string
	Yes    bool
	Region string
	Cloud  clusterflags.CloudFlags
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
		Short: "Delete a cluster: its cloud resources, then its state",
		Long: `Finds every cloud resource tagged as the cluster's (KubernetesCluster=NAME,
kubernetes.io/cluster/NAME=owned) and the records kOps names after it, and
lists them. With --yes it deletes them in dependency order, retrying while
AWS still reports dependencies, then removes the cluster from the state
store. Nothing without the cluster's tags is touched.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			name, err := clusterflags.NameArg(args, flags.Name)
			if err != nil {
				return err
			}
			store, err := clusterflags.Env(flags.State, streams).Open(ctx)
			if err != nil {
				return err
			}
			region := flags.Region
			if c, _, _, err := store.GetCluster(ctx, name); err == nil && len(c.Spec.Subnets) > 0 {
				region = catalog.RegionOf(c.Spec.Subnets[0].Zone)
			} else if err != nil && !errors.Is(err, statestore.ErrNotFound) {
				return err
			}
			p, err := flags.Cloud.Open(ctx, region, streams)
			if err != nil {
				return err
			}
			return lifecycle.DeleteCluster(ctx, store, p, name, flags.Yes, streams.Out)
		},
	}
	clusterflags.AddName(cluster, &flags.Name)
	clusterflags.AddCloud(cluster, &flags.Cloud)
	cluster.Flags().BoolVarP(&flags.Yes, "yes", "y", false, "delete; without it, list what would be deleted")
	cluster.Flags().StringVar(&flags.Region, "region", "", "region to search when the cluster is no longer in the state store (--provider aws)")
	cmd.AddCommand(cluster)
	return cmd
}
