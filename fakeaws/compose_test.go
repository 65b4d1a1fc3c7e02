package fakeaws_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// TestLoadBalancerOverEC2: the services are wired to one another: an NLB
// is created in EC2's subnets, EC2's instances register as targets, and
// their health follows the instances' state on the clock.
func TestLoadBalancerOverEC2(t *testing.T) {
	srv, clk := startAt(t, 0)
	ctx := context.Background()
	signer := fakeawstest.NewClockSigner(clk)
	ec := ec2.NewFromConfig(srv.Config(), func(o *ec2.Options) { o.HTTPSignerV4 = signer })
	lb := elb.NewFromConfig(srv.Config(), func(o *elb.Options) { o.HTTPSignerV4 = signer })

	vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	if err != nil {
		t.Fatal(err)
	}
	var subnets []string
	for i, az := range []string{"us-east-1a", "us-east-1b"} {
		sn, err := ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, AvailabilityZone: aws.String(az),
			CidrBlock: aws.String([]string{"10.0.1.0/24", "10.0.2.0/24"}[i])})
		if err != nil {
			t.Fatal(err)
		}
		subnets = append(subnets, aws.ToString(sn.Subnet.SubnetId))
	}
	images, err := ec.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"099720109477"}, Filters: []ec2types.Filter{{Name: aws.String("architecture"), Values: []string{"x86_64"}}}})
	if err != nil || len(images.Images) == 0 {
		t.Fatalf("DescribeImages: %v", err)
	}
	var ids []string
	for _, sn := range subnets {
		run, err := ec.RunInstances(ctx, &ec2.RunInstancesInput{ImageId: images.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Medium,
			MinCount: aws.Int32(1), MaxCount: aws.Int32(1), SubnetId: aws.String(sn)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, aws.ToString(run.Instances[0].InstanceId))
	}

	nlb, err := lb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("api"), Type: elbtypes.LoadBalancerTypeEnumNetwork, Subnets: subnets})
	if err != nil {
		t.Fatal(err)
	}
	if got := nlb.LoadBalancers[0]; aws.ToString(got.VpcId) != aws.ToString(vpc.Vpc.VpcId) || len(got.AvailabilityZones) != 2 {
		t.Errorf("load balancer VPC %s zones %d, want %s and 2", aws.ToString(got.VpcId), len(got.AvailabilityZones), aws.ToString(vpc.Vpc.VpcId))
	}
	tg, err := lb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("api"), Protocol: elbtypes.ProtocolEnumTcp,
		Port: aws.Int32(443), VpcId: vpc.Vpc.VpcId, TargetType: elbtypes.TargetTypeEnumInstance})
	if err != nil {
		t.Fatal(err)
	}
	tgARN := tg.TargetGroups[0].TargetGroupArn
	if _, err := lb.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: nlb.LoadBalancers[0].LoadBalancerArn,
		Protocol: elbtypes.ProtocolEnumTcp, Port: aws.Int32(443),
		DefaultActions: []elbtypes.Action{{Type: elbtypes.ActionTypeEnumForward, TargetGroupArn: tgARN}}}); err != nil {
		t.Fatal(err)
	}
	// An instance of another VPC's world does not exist for the group.
	_, err = lb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tgARN, Targets: []elbtypes.TargetDescription{{Id: aws.String("i-0123456789abcdef0")}}})
	if code, _, _ := apiError(t, err); code != "InvalidTarget" {
		t.Errorf("registering a missing instance: %v, want InvalidTarget", err)
	}
	var targets []elbtypes.TargetDescription
	for _, id := range ids {
		targets = append(targets, elbtypes.TargetDescription{Id: aws.String(id)})
	}
	if _, err := lb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tgARN, Targets: targets}); err != nil {
		t.Fatal(err)
	}
	health := func() map[string]string {
		out, err := lb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: tgARN})
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, d := range out.TargetHealthDescriptions {
			m[aws.ToString(d.Target.Id)] = string(d.TargetHealth.State)
		}
		return m
	}
	clk.Step(10 * time.Minute) // instances boot, the NLB provisions, health checks pass
	for _, id := range ids {
		if got := health()[id]; got != "healthy" {
			t.Errorf("%s is %q after ten minutes, want healthy", id, got)
		}
	}
	if _, err := ec.StopInstances(ctx, &ec2.StopInstancesInput{InstanceIds: ids[:1]}); err != nil {
		t.Fatal(err)
	}
	clk.Step(5 * time.Minute)
	if got := health(); got[ids[0]] != "unused" || got[ids[1]] != "healthy" {
		t.Errorf("after stopping %s: %v, want it unused (Target.InvalidState) and the other healthy", ids[0], got)
	}
}
