package elbv2_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func TestCreateNetworkLoadBalancer(t *testing.T) {
	w := start(t)
	lb := w.nlb("api-k8s")
	if arn := aws.ToString(lb.LoadBalancerArn); !reNLBARN.MatchString(arn) {
		t.Errorf("ARN %q", arn)
	}
	if dns := aws.ToString(lb.DNSName); !regexp.MustCompile(`^api-k8s-[0-9a-f]{16}\.elb\.us-east-1\.amazonaws\.com$`).MatchString(dns) {
		t.Errorf("DNSName %q", dns)
	}
	checks := []struct{ name, got, want string }{
		{"CanonicalHostedZoneId", aws.ToString(lb.CanonicalHostedZoneId), "Z26RNL4JYFTOTI"},
		{"LoadBalancerName", aws.ToString(lb.LoadBalancerName), "api-k8s"},
		{"Scheme", string(lb.Scheme), "internet-facing"},
		{"Type", string(lb.Type), "network"},
		{"VpcId", aws.ToString(lb.VpcId), "vpc-1"},
		{"State", string(lb.State.Code), "provisioning"},
		{"IpAddressType", string(lb.IpAddressType), "ipv4"},
		{"CreatedTime", lb.CreatedTime.UTC().Format(time.RFC3339), "2026-11-23T10:00:00Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	var zones []string
	for _, z := range lb.AvailabilityZones {
		zones = append(zones, aws.ToString(z.ZoneName)+"="+aws.ToString(z.SubnetId))
	}
	if fmt.Sprint(zones) != "[us-east-1a=subnet-a us-east-1b=subnet-b]" {
		t.Errorf("AvailabilityZones %v", zones)
	}
	if len(lb.SecurityGroups) != 0 {
		t.Errorf("SecurityGroups %v, want none", lb.SecurityGroups)
	}
}

func TestCreateApplicationLoadBalancer(t *testing.T) {
	w := start(t)
	out := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{
		Name: aws.String("web"), Subnets: []string{"subnet-b", "subnet-a"}, SecurityGroups: []string{"sg-1"},
		Scheme: types.LoadBalancerSchemeEnumInternal,
		Tags:   []types.Tag{{Key: aws.String("KubernetesCluster"), Value: aws.String("k8s.local")}},
	})).must(t)
	lb := out.LoadBalancers[0]
	if arn := aws.ToString(lb.LoadBalancerArn); !reALBARN.MatchString(arn) {
		t.Errorf("ARN %q", arn)
	}
	if dns := aws.ToString(lb.DNSName); !regexp.MustCompile(`^internal-web-[0-9]{9}\.us-east-1\.elb\.amazonaws\.com$`).MatchString(dns) {
		t.Errorf("DNSName %q", dns)
	}
	if z := aws.ToString(lb.CanonicalHostedZoneId); z != "Z35SXDOTRQ7X7K" {
		t.Errorf("CanonicalHostedZoneId %q", z)
	}
	if lb.Type != types.LoadBalancerTypeEnumApplication || lb.Scheme != types.LoadBalancerSchemeEnumInternal {
		t.Errorf("Type %s Scheme %s", lb.Type, lb.Scheme)
	}
	if fmt.Sprint(lb.SecurityGroups) != "[sg-1]" || aws.ToString(lb.AvailabilityZones[0].SubnetId) != "subnet-a" {
		t.Errorf("SecurityGroups %v, zones %v", lb.SecurityGroups, lb.AvailabilityZones)
	}
	tags := call(w.elb.DescribeTags(ctx, &elb.DescribeTagsInput{ResourceArns: []string{aws.ToString(lb.LoadBalancerArn)}})).must(t)
	if got := tags.TagDescriptions[0].Tags; len(got) != 1 || aws.ToString(got[0].Value) != "k8s.local" {
		t.Errorf("tags %v", got)
	}
}

func TestLoadBalancerProvisioningThenActive(t *testing.T) {
	w := start(t)
	arn := w.nlb("api").LoadBalancerArn
	state := func() types.LoadBalancerStateEnum {
		out := call(w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{*arn}})).must(t)
		return out.LoadBalancers[0].State.Code
	}
	if s := state(); s != types.LoadBalancerStateEnumProvisioning {
		t.Fatalf("state %s at creation", s)
	}
	w.step(provisioning - time.Second)
	if s := state(); s != types.LoadBalancerStateEnumProvisioning {
		t.Fatalf("state %s a second before the delay", s)
	}
	w.step(time.Second)
	if s := state(); s != types.LoadBalancerStateEnumActive {
		t.Fatalf("state %s after the delay", s)
	}
}

func TestCreateLoadBalancerIdempotent(t *testing.T) {
	w := start(t)
	first := w.nlb("api")
	again := w.nlb("api")
	if aws.ToString(again.LoadBalancerArn) != aws.ToString(first.LoadBalancerArn) {
		t.Errorf("second create made %s, want %s", *again.LoadBalancerArn, *first.LoadBalancerArn)
	}
}

func TestCreateLoadBalancerErrors(t *testing.T) {
	w := start(t)
	w.nlb("taken")
	tests := []struct {
		name      string
		in        elb.CreateLoadBalancerInput
		code, msg string
	}{
		{"name too long", elb.CreateLoadBalancerInput{Name: aws.String("a23456789012345678901234567890123"), Subnets: []string{"subnet-a"}, Type: "network"},
			"ValidationError", "LoadBalancer name cannot be longer than 32 characters"},
		{"name with underscore", elb.CreateLoadBalancerInput{Name: aws.String("a_b"), Subnets: []string{"subnet-a"}, Type: "network"},
			"ValidationError", "LoadBalancer name cannot contain characters that are not letters, or digits or the dash."},
		{"name ends with dash", elb.CreateLoadBalancerInput{Name: aws.String("ab-"), Subnets: []string{"subnet-a"}, Type: "network"},
			"ValidationError", "LoadBalancer name cannot begin or end with '-' character"},
		{"name starts with internal-", elb.CreateLoadBalancerInput{Name: aws.String("internal-x"), Subnets: []string{"subnet-a"}, Type: "network"},
			"ValidationError", "LoadBalancer name cannot begin with 'internal-'"},
		{"duplicate name", elb.CreateLoadBalancerInput{Name: aws.String("taken"), Subnets: []string{"subnet-a", "subnet-c"}, Type: "network"},
			"DuplicateLoadBalancerName", "A load balancer with the same name 'taken' exists, but with different settings"},
		{"two subnets in one zone", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a", "subnet-a2"}, Type: "network"},
			"InvalidConfigurationRequest", "A load balancer cannot be attached to multiple subnets in the same Availability Zone"},
		{"missing subnet", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-nope"}, Type: "network"},
			"SubnetNotFound", "The subnet ID 'subnet-nope' is not valid"},
		{"subnets in two VPCs", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-b", "subnet-x"}, Type: "network"},
			"InvalidConfigurationRequest", ""},
		{"no subnets", elb.CreateLoadBalancerInput{Name: aws.String("z"), Type: "network"}, "ValidationError", ""},
		{"application in one zone", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a"}},
			"ValidationError", "At least two subnets in two different Availability Zones must be specified"},
		{"missing security group", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-nope"}},
			"InvalidSecurityGroup", ""},
		{"security group of another VPC", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-2"}},
			"InvalidSecurityGroup", ""},
		{"gateway with security group", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a"}, SecurityGroups: []string{"sg-1"}, Type: "gateway"},
			"InvalidConfigurationRequest", ""},
		{"bad type", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a"}, Type: "classic"}, "ValidationError", ""},
		{"bad scheme", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a"}, Type: "network", Scheme: "public"}, "ValidationError", ""},
		{"duplicate tag keys", elb.CreateLoadBalancerInput{Name: aws.String("z"), Subnets: []string{"subnet-a"}, Type: "network",
			Tags: []types.Tag{{Key: aws.String("k")}, {Key: aws.String("k")}}}, "DuplicateTagKeys", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.CreateLoadBalancer(ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestTooManyLoadBalancers(t *testing.T) {
	w := start(t)
	for i := range 50 {
		w.nlb(fmt.Sprintf("lb-%02d", i))
	}
	_, err := w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("lb-50"), Type: "network", Subnets: []string{"subnet-a"}})
	wantErr(t, err, "TooManyLoadBalancers", "")
}

func TestDescribeLoadBalancers(t *testing.T) {
	w := start(t)
	var arns []string
	for _, n := range []string{"e", "c", "a", "d", "b"} {
		arns = append(arns, aws.ToString(w.nlb(n).LoadBalancerArn))
	}
	names := func(lbs []types.LoadBalancer) string {
		var out []string
		for _, lb := range lbs {
			out = append(out, aws.ToString(lb.LoadBalancerName))
		}
		return fmt.Sprint(out)
	}
	t.Run("pages of two", func(t *testing.T) {
		var pages []string
		p := elb.NewDescribeLoadBalancersPaginator(w.elb, &elb.DescribeLoadBalancersInput{PageSize: aws.Int32(2)})
		for p.HasMorePages() {
			pages = append(pages, names(call(p.NextPage(ctx)).must(t).LoadBalancers))
		}
		if fmt.Sprint(pages) != "[[a b] [c d] [e]]" {
			t.Errorf("pages %v", pages)
		}
	})
	t.Run("by ARN", func(t *testing.T) {
		out := call(w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerArns: arns[:2]})).must(t)
		if got := names(out.LoadBalancers); got != "[c e]" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("by name", func(t *testing.T) {
		out := call(w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{"d", "a"}})).must(t)
		if got := names(out.LoadBalancers); got != "[a d]" {
			t.Errorf("got %s", got)
		}
	})
	errs := []struct {
		name      string
		in        elb.DescribeLoadBalancersInput
		code, msg string
	}{
		{"missing name", elb.DescribeLoadBalancersInput{Names: []string{"a", "zz"}}, "LoadBalancerNotFound", "Load balancers '[zz]' not found"},
		{"missing ARN", elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{arns[0][:len(arns[0])-1] + "0"}}, "LoadBalancerNotFound", "One or more load balancers not found"},
		{"malformed ARN", elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{"arn:nope"}}, "ValidationError", "'arn:nope' is not a valid load balancer ARN"},
		{"names and ARNs", elb.DescribeLoadBalancersInput{LoadBalancerArns: arns[:1], Names: []string{"a"}}, "ValidationError", ""},
		{"page size too big", elb.DescribeLoadBalancersInput{PageSize: aws.Int32(401)}, "ValidationError", ""},
		{"bad marker", elb.DescribeLoadBalancersInput{Marker: aws.String("!!")}, "ValidationError", ""},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.DescribeLoadBalancers(ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestDeleteLoadBalancer(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	tg := w.tcpGroup("api", 443)
	l := w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)

	call(w.elb.ModifyLoadBalancerAttributes(ctx, &elb.ModifyLoadBalancerAttributesInput{
		LoadBalancerArn: lb.LoadBalancerArn,
		Attributes:      []types.LoadBalancerAttribute{{Key: aws.String("deletion_protection.enabled"), Value: aws.String("true")}},
	})).must(t)
	_, err := w.elb.DeleteLoadBalancer(ctx, &elb.DeleteLoadBalancerInput{LoadBalancerArn: lb.LoadBalancerArn})
	wantErr(t, err, "OperationNotPermitted", "Load balancer '"+*lb.LoadBalancerArn+"' cannot be deleted because deletion protection is enabled")

	call(w.elb.ModifyLoadBalancerAttributes(ctx, &elb.ModifyLoadBalancerAttributesInput{
		LoadBalancerArn: lb.LoadBalancerArn,
		Attributes:      []types.LoadBalancerAttribute{{Key: aws.String("deletion_protection.enabled"), Value: aws.String("false")}},
	})).must(t)
	call(w.elb.DeleteLoadBalancer(ctx, &elb.DeleteLoadBalancerInput{LoadBalancerArn: lb.LoadBalancerArn})).must(t)
	// Again: deleting a load balancer that is gone succeeds.
	call(w.elb.DeleteLoadBalancer(ctx, &elb.DeleteLoadBalancerInput{LoadBalancerArn: lb.LoadBalancerArn})).must(t)

	_, err = w.elb.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{LoadBalancerArns: []string{*lb.LoadBalancerArn}})
	wantErr(t, err, "LoadBalancerNotFound", "")
	_, err = w.elb.DescribeListeners(ctx, &elb.DescribeListenersInput{ListenerArns: []string{*l.ListenerArn}})
	wantErr(t, err, "ListenerNotFound", "One or more listeners not found")
	got := call(w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{TargetGroupArns: []string{*tg.TargetGroupArn}})).must(t)
	if arns := got.TargetGroups[0].LoadBalancerArns; len(arns) != 0 {
		t.Errorf("target group still used by %v", arns)
	}
	// The listener went with the load balancer, so the group can go.
	call(w.elb.DeleteTargetGroup(ctx, &elb.DeleteTargetGroupInput{TargetGroupArn: tg.TargetGroupArn})).must(t)
	if _, ok := w.svc.Resolve(ctx, *lb.DNSName); ok {
		t.Error("the DNS name of a deleted load balancer still resolves")
	}
	_, err = w.elb.DeleteLoadBalancer(ctx, &elb.DeleteLoadBalancerInput{LoadBalancerArn: aws.String("nope")})
	wantErr(t, err, "ValidationError", "")
}

func TestGatewayLoadBalancer(t *testing.T) {
	w := start(t)
	lb := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("gw"), Type: "gateway", Subnets: []string{"subnet-a"}})).must(t).LoadBalancers[0]
	if arn := aws.ToString(lb.LoadBalancerArn); !regexp.MustCompile(`:loadbalancer/gwy/gw/[0-9a-f]{16}$`).MatchString(arn) {
		t.Errorf("ARN %q", arn)
	}
	tg := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("geneve"), Protocol: "GENEVE", Port: aws.Int32(6081), VpcId: aws.String("vpc-1")})).must(t).TargetGroups[0]
	l := call(w.elb.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: lb.LoadBalancerArn, DefaultActions: forwardTo(tg.TargetGroupArn)})).must(t).Listeners[0]
	if l.Port != nil || l.Protocol != "" {
		t.Errorf("gateway listener has port %v protocol %q", l.Port, l.Protocol)
	}
	_, err := w.elb.CreateListener(ctx, &elb.CreateListenerInput{LoadBalancerArn: lb.LoadBalancerArn, Port: aws.Int32(80), Protocol: "TCP", DefaultActions: forwardTo(tg.TargetGroupArn)})
	wantErr(t, err, "ValidationError", "")
}
