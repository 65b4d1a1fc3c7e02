// Package clusterflags holds the flags the configuration verbs share:
// --state and --name, with kOps' environment fallbacks.
package clusterflags

import (
	"context"
	"fmt"
	"os"

	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/spf13/cobra"

	"github.com/drydock-sandbox/drydock/cluster/ops"
	"github.com/drydock-sandbox/drydock/internal/cli"
	"github.com/drydock-sandbox/drydock/providers/aws"
	"github.com/drydock-sandbox/drydock/providers/local"
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

// Providers --provider accepts.
const (
	ProviderLocal = "local"
	ProviderAWS   = "aws"
)

// CloudFlags choose the cloud a lifecycle verb acts on.
type CloudFlags struct {
	Provider string
	Runtime  string
}

// AddCloud adds --provider and --runtime to cmd.
func AddCloud(cmd *cobra.Command, f *CloudFlags) {
	cmd.Flags().StringVar(&f.Provider, "provider", ProviderLocal,
		"where the cluster's resources live: local (the sandbox) or aws (your AWS account, through the standard credential chain: AWS_PROFILE, AWS_REGION, …)")
	cmd.Flags().StringVar(&f.Runtime, "runtime", local.RuntimeNone, "node runtime of the local provider (none: instances boot without Kubernetes)")
}

// Open returns the provider the flags name. The AWS provider acts in the
// configured region, else in region (the cluster's).
func (f CloudFlags) Open(ctx context.Context, region string, streams cli.Streams) (*aws.Provider, error) {
	switch f.Provider {
	case "", ProviderLocal:
		p, info, err := local.New(ctx, local.Options{Runtime: f.Runtime, Provider: aws.Options{Delete: aws.DeleteOptions{Log: streams.Err}}})
		if err != nil {
			return nil, err
		}
		if info.Started {
			fmt.Fprintf(streams.Err, "Started the sandbox: pid %d, endpoint %s (stop it with: drydock sandbox down)\n", info.PID, info.Endpoint)
		}
		return p, nil
	case ProviderAWS:
		if f.Runtime != "" && f.Runtime != local.RuntimeNone {
			return nil, fmt.Errorf("--runtime %s is for the local provider; on AWS, EC2 runs the instances", f.Runtime)
		}
		cfg, err := awsconfig.LoadDefaultConfig(ctx)
		if err != nil {
			return nil, fmt.Errorf("--provider aws: load the AWS configuration (AWS_PROFILE, AWS_REGION, credentials): %w", err)
		}
		if cfg.Region == "" {
			cfg.Region = region
		}
		return aws.New(aws.NewClients(cfg), aws.Options{Delete: aws.DeleteOptions{Log: streams.Err}}), nil
	}
	return nil, fmt.Errorf("--provider %q: use local (the sandbox) or aws", f.Provider)
}

// NameArg is the cluster named by an optional positional argument or
// --name (which must agree), else $KOPS_CLUSTER_NAME.
func NameArg(args []string, flag string) (string, error) {
	if len(args) == 1 {
		if flag != "" && flag != args[0] {
			return "", fmt.Errorf("the name %q and --name %q differ; give one", args[0], flag)
		}
		return args[0], nil
	}
	return Name(flag), nil
}
