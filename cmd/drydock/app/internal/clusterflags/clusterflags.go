// Package clusterflags holds the flags the configuration verbs share:
// --state and --name, with kOps' environment fallbacks.
package clusterflags

import (
	"os"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/internal/cli"
)

// EnvClusterName names the cluster when --name is not given, as in kOps.
const EnvClusterName = "KOPS_CLUSTER_NAME"

// AddState adds the persistent --state flag to cmd.
func AddState(cmd *cobra.Command, state *string) {
	cmd.PersistentFlags().StringVar(state, "state", "",
		"state store: s3://BUCKET/PREFIX or file:///DIR (default $DRYDOCK_STATE, $KOPS_STATE_STORE, else the sandbox's s3://drydock-state-123456789012)")
}

// AddName adds --name to cmd.
func AddName(cmd *cobra.Command, name *string) {
	cmd.Flags().StringVar(name, "name", "", "cluster name (default $"+EnvClusterName+")")
}

// Name is the cluster: the first non-empty of candidates, else
// $KOPS_CLUSTER_NAME.
func Name(candidates ...string) string {
	for _, c := range candidates {
		if c != "" {
			return c
		}
	}
	return os.Getenv(EnvClusterName)
}

// Env is the ops.Env of the --state flag.
func Env(state string, streams cli.Streams) ops.Env {
	return ops.Env{State: state, Getenv: os.Getenv, Log: streams.Err}
}
