// Package update is `drydock update cluster`.
package update

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/catalog"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/lifecycle"
	"github.com/drydock-sandbox/drydock/providers"
	"github.com/drydock-sandbox/drydock/providers/aws"
)

type flagpole struct {
	State  string
	Name   string
	Yes    bool
	Admin  bool
	Target string
	Out    string
	Cloud  clusterflags.CloudFlags
}

// NewCommand returns `drydock update`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "update",
		Short: "Update a cluster's cloud resources",
		Args:  cobra.NoArgs,
	}
	clusterflags.AddState(cmd, &flags.State)
	cluster := &cobra.Command{
		Use:   "cluster [NAME] [--yes]",
		Short: "Create or update the cloud resources of a cluster to match its spec",
		Long: `Compares the cloud with the cluster's spec in the state store and prints
what would be created or modified, with an estimate of what the new
resources cost. --yes applies it; --target terraform writes the same
resources as Terraform instead.

The cloud is the sandbox unless --provider aws names your AWS account.`,
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
			opts := lifecycle.UpdateOptions{Yes: flags.Yes, Target: flags.Target, Out: flags.Out}
			c, _, _, err := store.GetCluster(ctx, name)
			if err != nil {
				return err
			}
			region := ""
			if len(c.Spec.Subnets) > 0 {
				region = catalog.RegionOf(c.Spec.Subnets[0].Zone)
			}
			if flags.Target == lifecycle.TargetTerraform {
				// Writing Terraform calls no cloud.
				p := aws.New(&aws.Clients{Region: region}, aws.Options{})
				return lifecycle.UpdateCluster(ctx, store, p, name, opts, streams.Out)
			}
			p, err := flags.Cloud.Open(ctx, region, streams)
			if err != nil {
				return err
			}
			if flags.Cloud.Provider == clusterflags.ProviderAWS {
				account, err := p.Account(ctx)
				if err != nil {
					return fmt.Errorf("--provider aws: who am I (sts get-caller-identity): %w", err)
				}
				fmt.Fprintf(streams.Err, "Acting on AWS account %s in %s.\n", account, p.Region())
				opts.Confirm = func(plan *providers.Plan) error {
					if plan.Cost != nil {
						if err := plan.Cost.Write(streams.Err); err != nil {
							return err
						}
					}
					return nil
				}
			}
			return lifecycle.UpdateCluster(ctx, store, p, name, opts, streams.Out)
		},
	}
	clusterflags.AddName(cluster, &flags.Name)
	clusterflags.AddCloud(cluster, &flags.Cloud)
	f := cluster.Flags()
	f.BoolVarP(&flags.Yes, "yes", "y", false, "apply the changes; without it, print the plan")
	f.BoolVar(&flags.Admin, "admin", false, "accepted for kOps compatibility (drydock export kubeconfig is not there yet)")
	f.StringVar(&flags.Target, "target", lifecycle.TargetDirect, "direct (change the cloud) or terraform (write Terraform to --out)")
	f.StringVar(&flags.Out, "out", "", "directory for --target terraform (default out/terraform)")
	cmd.AddCommand(cluster)
	return cmd
}
