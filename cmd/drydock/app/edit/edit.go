// Package edit is `drydock edit cluster` and `drydock edit ig`.
package edit

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	State  string
	Name   string
	Sets   []string
	Unsets []string
}

func (f *flagpole) options(streams cli.Streams) ops.EditOptions {
	return ops.EditOptions{Sets: f.Sets, Unsets: f.Unsets, Editor: ops.CommandEditor(os.Getenv, streams.In, streams.Out, streams.Err)}
}

// NewCommand returns `drydock edit`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "edit",
		Short: "Edit a cluster or an instance group in the state store",
		Long: `Edit the stored object in $EDITOR (default vi), or change fields with
--set PATH=VALUE and --unset PATH (spec.kubernetesVersion=1.33.4,
spec.subnets[0].cidr=…). The result is validated before it is written, and
written only if nobody changed the object meanwhile.`,
		Args: cobra.NoArgs,
	}
	clusterflags.AddState(cmd, &flags.State)
	cmd.PersistentFlags().StringArrayVar(&flags.Sets, "set", nil, "set a field: PATH=VALUE, e.g. spec.kubernetesVersion=1.33.4 (repeatable)")
	cmd.PersistentFlags().StringArrayVar(&flags.Unsets, "unset", nil, "remove a field: PATH (repeatable)")

	cluster := &cobra.Command{
		Use:   "cluster [NAME]",
		Short: "Edit a cluster",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := clusterflags.Name(flags.Name)
			if len(args) == 1 {
				name = args[0]
			}
			store, err := clusterflags.Env(flags.State, streams).Open(cmd.Context())
			if err != nil {
				return err
			}
			return ops.EditCluster(cmd.Context(), store, name, flags.options(streams), streams.Out)
		},
	}
	clusterflags.AddName(cluster, &flags.Name)
	ig := &cobra.Command{
		Use:     "instancegroup NAME --name CLUSTER",
		Aliases: []string{"ig", "instancegroups"},
		Short:   "Edit an instance group",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, err := clusterflags.Env(flags.State, streams).Open(cmd.Context())
			if err != nil {
				return err
			}
			return ops.EditInstanceGroup(cmd.Context(), store, clusterflags.Name(flags.Name), args[0], flags.options(streams), streams.Out)
		},
	}
	clusterflags.AddName(ig, &flags.Name)
	cmd.AddCommand(cluster, ig)
	return cmd
}
