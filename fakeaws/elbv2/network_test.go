package elbv2_test

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func TestSetSubnets(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	out := call(w.elb.SetSubnets(ctx, &elb.SetSubnetsInput{LoadBalancerArn: lb.LoadBalancerArn, Subnets: []string{"subnet-c", "subnet-a", "subnet-b"}})).must(t)
	var zones []string
	for _, z := range out.AvailabilityZones {
		zones = append(zones, aws.ToString(z.ZoneName))
	}
	if fmt.Sprint(zones) != "[us-east-1a us-east-1b us-east-1c]" {
		t.Errorf("zones %v", zones)
	}
	got := call(w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{"api"}})).must(t).LoadBalancers[0]
	if len(got.AvailabilityZones) != 3 {
		t.Errorf("described zones %v", got.AvailabilityZones)
	}
	_, err := w.elb.SetSubnets(ctx, &elb.SetSubnetsInput{LoadBalancerArn: lb.LoadBalancerArn, Subnets: []string{"subnet-x"}})
	wantErr(t, err, "InvalidConfigurationRequest", "")
	_, err = w.elb.SetSubnets(ctx, &elb.SetSubnetsInput{LoadBalancerArn: lb.LoadBalancerArn, Subnets: []string{"subnet-a", "subnet-a2"}})
	wantErr(t, err, "InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone")
	_, err = w.elb.SetSubnets(ctx, &elb.SetSubnetsInput{LoadBalancerArn: aws.String(*lb.LoadBalancerArn + "0"), Subnets: []string{"subnet-a"}})
	wantErr(t, err, "LoadBalancerNotFound", "")
}

func TestSubnetMappings(t *testing.T) {
	w := start(t)
	lb := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{
		Name: aws.String("eip"), Type: "network",
		SubnetMappings: []types.SubnetMapping{{SubnetId: aws.String("subnet-a"), AllocationId: aws.String("eipalloc-1")}, {SubnetId: aws.String("subnet-b"), PrivateIPv4Address: aws.String("10.0.2.9")}},
	})).must(t).LoadBalancers[0]
	a, b := lb.AvailabilityZones[0].LoadBalancerAddresses, lb.AvailabilityZones[1].LoadBalancerAddresses
	if len(a) != 1 || aws.ToString(a[0].AllocationId) != "eipalloc-1" || len(b) != 1 || aws.ToString(b[0].PrivateIPv4Address) != "10.0.2.9" {
		t.Errorf("addresses %+v %+v", a, b)
	}
}

func TestSetSecurityGroups(t *testing.T) {
	w := start(t)
	w.net.addSG(account, region, "sg-3", "vpc-1")
	alb := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("web"), Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-1"}})).must(t).LoadBalancers[0]
	out := call(w.elb.SetSecurityGroups(ctx, &elb.SetSecurityGroupsInput{LoadBalancerArn: alb.LoadBalancerArn, SecurityGroups: []string{"sg-3", "sg-1"}})).must(t)
	if fmt.Sprint(out.SecurityGroupIds) != "[sg-3 sg-1]" {
		t.Errorf("SecurityGroupIds %v", out.SecurityGroupIds)
	}
	nlb := w.nlb("bare")
	withSGs := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("nsg"), Type: "network", Subnets: []string{"subnet-a"}, SecurityGroups: []string{"sg-1"}})).must(t).LoadBalancers[0]
	call(w.elb.SetSecurityGroups(ctx, &elb.SetSecurityGroupsInput{LoadBalancerArn: withSGs.LoadBalancerArn, SecurityGroups: []string{"sg-3"}})).must(t)
	tests := []struct {
		name      string
		arn       *string
		sgs       []string
		code, msg string
	}{
		{"network load balancer created without", nlb.LoadBalancerArn, []string{"sg-1"}, "InvalidConfigurationRequest",
			"You cannot set security groups on a Network Load Balancer which was created without any security groups."},
		{"network load balancer emptied", withSGs.LoadBalancerArn, []string{}, "InvalidConfigurationRequest", ""},
		{"missing group", alb.LoadBalancerArn, []string{"sg-nope"}, "InvalidSecurityGroup", "Security group 'sg-nope' does not exist"},
		{"group of another VPC", alb.LoadBalancerArn, []string{"sg-2"}, "InvalidSecurityGroup", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.SetSecurityGroups(ctx, &elb.SetSecurityGroupsInput{LoadBalancerArn: tt.arn, SecurityGroups: tt.sgs})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestResolve(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	for _, name := range []string{*lb.DNSName, *lb.DNSName + ".", "dualstack." + *lb.DNSName, "API" + (*lb.DNSName)[3:]} {
		addrs, ok := w.svc.Resolve(ctx, name)
		if !ok || len(addrs) != 1 || addrs[0] != netip.MustParseAddr("127.0.0.1") {
			t.Errorf("Resolve(%q) = %v, %v", name, addrs, ok)
		}
	}
	if _, ok := w.svc.Resolve(ctx, "nope-0123456789abcdef.elb.us-east-1.amazonaws.com"); ok {
		t.Error("an unknown name resolves")
	}
}

func TestDescribeAccountLimits(t *testing.T) {
	w := start(t)
	out := call(w.elb.DescribeAccountLimits(ctx, &elb.DescribeAccountLimitsInput{})).must(t)
	limits := map[string]string{}
	for _, l := range out.Limits {
		limits[aws.ToString(l.Name)] = aws.ToString(l.Max)
	}
	if limits["network-load-balancers"] != "50" || limits["target-groups"] != "3000" || limits["listeners-per-network-load-balancer"] != "50" {
		t.Errorf("limits %v", limits)
	}
	page := call(w.elb.DescribeAccountLimits(ctx, &elb.DescribeAccountLimitsInput{PageSize: aws.Int32(5)})).must(t)
	if len(page.Limits) != 5 || page.NextMarker == nil {
		t.Errorf("first page of 5: %d limits, marker %v", len(page.Limits), page.NextMarker)
	}
}

func TestAccountAndRegionIsolation(t *testing.T) {
	w := start(t)
	w.net.addSubnet(otherAccount, region, "subnet-a", "vpc-9", "us-east-1a")
	w.net.addSubnet(account, "eu-west-1", "subnet-a", "vpc-8", "eu-west-1a")
	lb := w.nlb("api")
	tg := w.tcpGroup("api", 443)
	clients := map[string]*elb.Client{
		"other account": w.client(otherAccount, region),
		"other region":  w.client(account, "eu-west-1"),
	}
	for name, c := range clients {
		t.Run(name, func(t *testing.T) {
			lbs := call(c.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{})).must(t)
			if len(lbs.LoadBalancers) != 0 {
				t.Errorf("sees %d load balancers", len(lbs.LoadBalancers))
			}
			_, err := c.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{*lb.LoadBalancerArn}})
			wantErr(t, err, "LoadBalancerNotFound", "")
			_, err = c.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: tg.TargetGroupArn})
			wantErr(t, err, "TargetGroupNotFound", "")
			_, err = c.DeleteTargetGroup(ctx, &elb.DeleteTargetGroupInput{TargetGroupArn: tg.TargetGroupArn})
			if err != nil {
				t.Fatal(err) // another account's group is "missing": deleting it succeeds and does nothing
			}
			_, err = c.AddTags(ctx, &elb.AddTagsInput{ResourceArns: []string{*lb.LoadBalancerArn}, Tags: []types.Tag{kv("a", "b")}})
			wantErr(t, err, "LoadBalancerNotFound", "")
			// The same names are free there.
			mine := call(c.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("api"), Type: "network", Subnets: []string{"subnet-a"}})).must(t).LoadBalancers[0]
			if *mine.LoadBalancerArn == *lb.LoadBalancerArn {
				t.Error("same ARN in another scope")
			}
		})
	}
	if n := len(call(w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{})).must(t).TargetGroups); n != 1 {
		t.Errorf("the default account has %d target groups, want 1", n)
	}
	if n := len(call(w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{})).must(t).LoadBalancers); n != 1 {
		t.Errorf("the default account has %d load balancers, want 1", n)
	}
}
