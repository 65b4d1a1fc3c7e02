package ops

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/drydock-sandbox/drydock/cluster/create"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// TestCreateClusterInSharedNetwork: --vpc and --subnets are looked up in
// EC2 (here fakeaws): the cluster takes the VPC's CIDR and the subnet's
// zone and CIDR; a VPC that does not exist is an error naming it.
func TestCreateClusterInSharedNetwork(t *testing.T) {
	srv := fakeawstest.Start(t)
	ctx := context.Background()
	ec := ec2.NewFromConfig(srv.Config())
	vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.1.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	sn, err := ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, CidrBlock: aws.String("10.1.4.0/22"), AvailabilityZone: aws.String("us-east-1a")})
	if err != nil {
		t.Fatal(err)
	}
	env := fileEnv(t)
	env.AWSConfig = func(context.Context) (aws.Config, error) { return srv.Config(), nil }

	opts := create.Options{ClusterName: "shared.example.com", Zones: []string{"us-east-1a"},
		NetworkID: aws.ToString(vpc.Vpc.VpcId), SubnetIDs: []string{aws.ToString(sn.Subnet.SubnetId)}}
	out := createCluster(t, env, CreateClusterOptions{Build: opts, DryRun: true, Output: OutputYAML})
	for _, want := range []string{
		"networkCIDR: 10.1.0.0/16",
		"networkID: " + aws.ToString(vpc.Vpc.VpcId),
		"cidr: 10.1.4.0/22",
		"id: " + aws.ToString(sn.Subnet.SubnetId),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("manifest lacks %q:\n%s", want, out)
		}
	}

	opts.NetworkID, opts.SubnetIDs = "vpc-0123456789abcdef0", nil
	err = CreateCluster(ctx, env, CreateClusterOptions{Build: opts, DryRun: true, Output: OutputYAML}, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "vpc-0123456789abcdef0") {
		t.Errorf("a missing VPC: %v, want an error naming it", err)
	}
}
