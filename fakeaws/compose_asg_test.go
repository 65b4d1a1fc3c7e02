package fakeaws_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	astypes "github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/drydock-sandbox/drydock/fakeaws"
	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
)

// TestAutoScalingOverEC2AndELB: a group launches real EC2 instances from
// its launch template across three zones, registers them with its target
// group, replaces one that EC2 terminates, and rolls an instance refresh
// onto a new template version, all on the fake clock.
func TestAutoScalingOverEC2AndELB(t *testing.T) {
	srv, clk := startAt(t, 0, fakeaws.WithManualSettle())
	ctx := context.Background()
	signer := fakeawstest.NewClockSigner(clk)
	ec := ec2.NewFromConfig(srv.Config(), func(o *ec2.Options) { o.HTTPSignerV4 = signer })
	lb := elb.NewFromConfig(srv.Config(), func(o *elb.Options) { o.HTTPSignerV4 = signer })
	as := autoscaling.NewFromConfig(srv.Config(), func(o *autoscaling.Options) { o.HTTPSignerV4 = signer })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// advance steps the clock and lets the background work catch up.
	advance := func(d time.Duration) {
		t.Helper()
		for i := 0; i < 4; i++ {
			clk.Step(d / 4)
			must(srv.Settle(ctx))
		}
	}

	vpc, err := ec.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.0.0.0/16")})
	must(err)
	var subnets []string
	for i, az := range []string{"us-east-1a", "us-east-1b", "us-east-1c"} {
		sn, err := ec.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc.Vpc.VpcId, AvailabilityZone: aws.String(az),
			CidrBlock: aws.String(fmt.Sprintf("10.0.%d.0/24", i+1))})
		must(err)
		subnets = append(subnets, aws.ToString(sn.Subnet.SubnetId))
	}
	images, err := ec.DescribeImages(ctx, &ec2.DescribeImagesInput{Owners: []string{"099720109477"},
		Filters: []ec2types.Filter{{Name: aws.String("architecture"), Values: []string{"x86_64"}}}})
	must(err)
	lt, err := ec.CreateLaunchTemplate(ctx, &ec2.CreateLaunchTemplateInput{LaunchTemplateName: aws.String("nodes"),
		LaunchTemplateData: &ec2types.RequestLaunchTemplateData{ImageId: images.Images[0].ImageId, InstanceType: ec2types.InstanceTypeT3Medium}})
	must(err)
	tg, err := lb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("nodes"), Protocol: elbtypes.ProtocolEnumTcp,
		Port: aws.Int32(443), VpcId: vpc.Vpc.VpcId})
	must(err)
	tgARN := aws.ToString(tg.TargetGroups[0].TargetGroupArn)

	_, err = as.CreateAutoScalingGroup(ctx, &autoscaling.CreateAutoScalingGroupInput{
		AutoScalingGroupName: aws.String("nodes"), MinSize: aws.Int32(3), MaxSize: aws.Int32(4), DesiredCapacity: aws.Int32(3),
		LaunchTemplate:    &astypes.LaunchTemplateSpecification{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId, Version: aws.String("$Latest")},
		VPCZoneIdentifier: aws.String(subnets[0] + "," + subnets[1] + "," + subnets[2]),
		TargetGroupARNs:   []string{tgARN},
		Tags:              []astypes.Tag{{Key: aws.String("KubernetesCluster"), Value: aws.String("k8s.example.com"), PropagateAtLaunch: aws.Bool(true)}},
	})
	must(err)
	advance(4 * time.Minute)

	group := func() astypes.AutoScalingGroup {
		t.Helper()
		out, err := as.DescribeAutoScalingGroups(ctx, &autoscaling.DescribeAutoScalingGroupsInput{AutoScalingGroupNames: []string{"nodes"}})
		must(err)
		return out.AutoScalingGroups[0]
	}
	inService := func() (ids []string, zones map[string]int, versions map[string]int) {
		zones, versions = map[string]int{}, map[string]int{}
		for _, i := range group().Instances {
			if i.LifecycleState == astypes.LifecycleStateInService {
				ids = append(ids, aws.ToString(i.InstanceId))
				zones[aws.ToString(i.AvailabilityZone)]++
				versions[aws.ToString(i.LaunchTemplate.Version)]++
			}
		}
		sort.Strings(ids)
		return ids, zones, versions
	}
	ids, zones, _ := inService()
	if len(ids) != 3 || len(zones) != 3 {
		acts, _ := as.DescribeScalingActivities(ctx, &autoscaling.DescribeScalingActivitiesInput{AutoScalingGroupName: aws.String("nodes")})
		for _, a := range acts.Activities {
			t.Logf("activity %s: %s %s", a.StatusCode, aws.ToString(a.Description), aws.ToString(a.StatusMessage))
		}
		for _, i := range group().Instances {
			t.Logf("instance %s %s", aws.ToString(i.InstanceId), i.LifecycleState)
		}
		t.Fatalf("InService %v in zones %v, want 3 instances, one per zone", ids, zones)
	}
	// The instances are EC2's, tagged as the group says.
	desc, err := ec.DescribeInstances(ctx, &ec2.DescribeInstancesInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:aws:autoscaling:groupName"), Values: []string{"nodes"}},
		{Name: aws.String("tag:KubernetesCluster"), Values: []string{"k8s.example.com"}},
		{Name: aws.String("instance-state-name"), Values: []string{"running"}}}})
	must(err)
	if n := len(desc.Reservations); n != 3 {
		t.Errorf("EC2 shows %d running instances of the group, want 3", n)
	}
	// ... and registered with the group's target group.
	th, err := lb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: aws.String(tgARN)})
	must(err)
	if len(th.TargetHealthDescriptions) != 3 {
		t.Errorf("target group has %d targets, want 3", len(th.TargetHealthDescriptions))
	}

	// EC2 terminates one: the group replaces it in the same zone.
	_, err = ec.TerminateInstances(ctx, &ec2.TerminateInstancesInput{InstanceIds: ids[:1]})
	must(err)
	advance(4 * time.Minute)
	after, zones, _ := inService()
	if len(after) != 3 || len(zones) != 3 || after[0] == ids[0] {
		t.Errorf("after terminating %s: InService %v in zones %v, want a replacement and 3 zones", ids[0], after, zones)
	}

	// A new template version and an instance refresh roll every instance.
	_, err = ec.CreateLaunchTemplateVersion(ctx, &ec2.CreateLaunchTemplateVersionInput{LaunchTemplateId: lt.LaunchTemplate.LaunchTemplateId,
		SourceVersion: aws.String("1"), LaunchTemplateData: &ec2types.RequestLaunchTemplateData{InstanceType: ec2types.InstanceTypeT3Large}})
	must(err)
	_, err = as.StartInstanceRefresh(ctx, &autoscaling.StartInstanceRefreshInput{AutoScalingGroupName: aws.String("nodes"),
		Preferences: &astypes.RefreshPreferences{MinHealthyPercentage: aws.Int32(66), InstanceWarmup: aws.Int32(60)}})
	must(err)
	for i := 0; i < 40; i++ {
		advance(time.Minute)
		if ids, _, _ := inService(); len(ids) < 2 {
			t.Fatalf("InService fell to %d during the refresh (minimum healthy 66%% of 3)", len(ids))
		}
		out, err := as.DescribeInstanceRefreshes(ctx, &autoscaling.DescribeInstanceRefreshesInput{AutoScalingGroupName: aws.String("nodes")})
		must(err)
		if out.InstanceRefreshes[0].Status == astypes.InstanceRefreshStatusSuccessful {
			break
		}
	}
	ids, _, versions := inService()
	if len(ids) != 3 || versions["2"] != 3 {
		t.Errorf("after the refresh: InService %v on versions %v, want 3 on version 2", ids, versions)
	}
}
