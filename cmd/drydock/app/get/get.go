// Package get is `drydock get`: clusters, instance groups, or both.
package get

import (
	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/cmd/drydock/app/internal/clusterflags"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

type flagpole struct {
	State  string
	Name   string
	Output string
}

// NewCommand returns `drydock get`.
func NewCommand(streams cli.Streams) *cobra.Command {
	flags := &flagpole{}
	cmd := &cobra.Command{
		Use:   "get",
		Short: "List clusters and instance groups of the state store",
		Args:  cobra.NoArgs,
	}
	clusterflags.AddState(cmd, &flags.State)
	cmd.PersistentFlags().StringVarP(&flags.Output, "output", "o", ops.OutputTable, "output format: table, yaml or json")
	cmd.AddCommand(newClusters(streams, flags), newInstanceGroups(streams, flags), newAll(streams, flags))
	return cmd
}

func newClusters(streams cli.Streams, flags *flagpole) *cobra.Command {
	return &cobra.Command{
		Use:     "clusters [NAME...]",
		Aliases: []string{"cluster"},
		Short:   "List clusters: NAME CLOUD ZONES",
		RunE: func(cmd *cobra.Command, args []string) error {
			env := clusterflags.Env(flags.State, streams)
			if err := ops.CheckOutput(flags.Output, ops.OutputTable, ops.OutputYAML, ops.OutputJSON); err != nil {
				return err
			}
			store, err := env.Open(cmd.Context())
			if err != nil {
				return err
			}
			return ops.GetClusters(cmd.Context(), store, args, flags.Output, streams.Out, streams.Err)
		},
	}
}

func newInstanceGroups(streams cli.Streams, flags *flagpole) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "instancegroups [NAME...] --name CLUSTER",
		Aliases: []string{"ig", "igs", "instancegroup"},
		Short:   "List instance groups: NAME ROLE MACHINETYPE MIN MAX ZONES",
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := ops.CheckOutput(flags.Output, ops.OutputTable, ops.OutputYAML, ops.OutputJSON); err != nil {
				return err
			}
			store, err := clusterflags.Env(flags.State, streams).Open(cmd.Context())
			if err != nil {
				return err
			}
			return ops.GetInstanceGroups(cmd.Context(), store, clusterflags.Name(flags.Name), args, flags.Output, streams.Out)
		},
	}
	clusterflags.AddName(cmd, &flags.Name)
	return cmd
}

func newAll(streams cli.Streams, flags *flagpole) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "all --name CLUSTER",
		Short: "Show a cluster and its instance groups (-o yaml gives a manifest for replace -f)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := ops.CheckOutput(flags.Output, ops.OutputTable, ops.OutputYAML, ops.OutputJSON); err != nil {
				return err
			}
			store, err := clusterflags.Env(flags.State, streams).Open(cmd.Context())
			if err != nil {
				return err
			}
			name := clusterflags.Name(flags.Name)
			if len(args) == 1 {
				name = clusterflags.Name(args[0])
			}
			return ops.GetAll(cmd.Context(), store, name, flags.Output, streams.Out)
		},
	}
	clusterflags.AddName(cmd, &flags.Name)
	return cmd
}
