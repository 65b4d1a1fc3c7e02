package ops

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/cluster/statestore"
	"github.com/drydock-sandbox/drydock/sandbox"
)

// ec2Network looks up a shared VPC and shared subnets in EC2, for
// create cluster --vpc/--subnets.
type ec2Network struct{ ec2 *ec2.Client }

var _ create.Network = ec2Network{}

func (n ec2Network) VPCCIDR(ctx context.Context, id string) (string, error) {
	out, err := n.ec2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{VpcIds: []string{id}})
	if err != nil {
		return "", fmt.Errorf("look up VPC %s: %w", id, err)
	}
	if len(out.Vpcs) == 0 {
		return "", fmt.Errorf("VPC %s not found", id)
	}
	return aws.ToString(out.Vpcs[0].CidrBlock), nil
}

func (n ec2Network) Subnet(ctx context.Context, id string) (create.Subnet, error) {
	out, err := n.ec2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{SubnetIds: []string{id}})
	if err != nil {
		return create.Subnet{}, fmt.Errorf("look up subnet %s: %w", id, err)
	}
	if len(out.Subnets) == 0 {
		return create.Subnet{}, fmt.Errorf("subnet %s not found", id)
	}
	s := out.Subnets[0]
	return create.Subnet{ID: id, VPCID: aws.ToString(s.VpcId), CIDR: aws.ToString(s.CidrBlock), Zone: aws.ToString(s.AvailabilityZone)}, nil
}

// networkFor returns the EC2 lookup of the cloud the state store belongs
// to, in the region of zones: the sandbox's when the store is the
// sandbox's, otherwise the standard AWS configuration chain.
func (e Env) networkFor(ctx context.Context, zones []string) (create.Network, error) {
	var cfg aws.Config
	var err error
	switch {
	case e.AWSConfig != nil:
		cfg, err = e.AWSConfig(ctx)
	case e.usesSandbox():
		info, serr := sandbox.Ensure(ctx, e.Sandbox)
		if serr != nil {
			return nil, fmt.Errorf("start the sandbox to look up the shared network: %w", serr)
		}
		cfg = sandbox.AWSConfig(info)
	default:
		cfg, err = awsconfig.LoadDefaultConfig(ctx)
	}
	if err != nil {
		return nil, fmt.Errorf("load the AWS configuration to look up the shared network: %w", err)
	}
	if len(zones) > 0 {
		cfg.Region = strings.TrimRight(zones[0], "abcdefghijklmnopqrstuvwxyz")
	}
	return ec2Network{ec2: ec2.NewFromConfig(cfg)}, nil
}

// usesSandbox reports whether the state store is the sandbox's.
func (e Env) usesSandbox() bool {
	url, err := statestore.Resolve(e.State, e.getenv)
	return err != nil || isSandboxStore(url)
}
