package elbv2_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

// hcLine summarises a group's health check.
func hcLine(tg types.TargetGroup) string {
	s := fmt.Sprintf("%s %s enabled=%v interval=%d timeout=%d healthy=%d unhealthy=%d",
		tg.HealthCheckProtocol, aws.ToString(tg.HealthCheckPort), aws.ToBool(tg.HealthCheckEnabled),
		aws.ToInt32(tg.HealthCheckIntervalSeconds), aws.ToInt32(tg.HealthCheckTimeoutSeconds),
		aws.ToInt32(tg.HealthyThresholdCount), aws.ToInt32(tg.UnhealthyThresholdCount))
	if tg.HealthCheckPath != nil {
		s += " path=" + *tg.HealthCheckPath
	}
	if tg.Matcher != nil {
		s += " matcher=" + aws.ToString(tg.Matcher.HttpCode)
	}
	return s
}

func TestCreateTargetGroupDefaults(t *testing.T) {
	w := start(t)
	tests := []struct {
		name string
		in   elb.CreateTargetGroupInput
		want string
	}{
		{"TCP", elb.CreateTargetGroupInput{Protocol: "TCP", Port: aws.Int32(443), VpcId: aws.String("vpc-1")},
			"TCP traffic-port enabled=true interval=30 timeout=10 healthy=5 unhealthy=2"},
		{"HTTP", elb.CreateTargetGroupInput{Protocol: "HTTP", Port: aws.Int32(80), VpcId: aws.String("vpc-1")},
			"HTTP traffic-port enabled=true interval=30 timeout=5 healthy=5 unhealthy=2 path=/ matcher=200"},
		{"TCP with an HTTPS check", elb.CreateTargetGroupInput{Protocol: "TCP", Port: aws.Int32(443), VpcId: aws.String("vpc-1"), HealthCheckProtocol: "HTTPS", HealthCheckPath: aws.String("/healthz")},
			"HTTPS traffic-port enabled=true interval=30 timeout=10 healthy=5 unhealthy=2 path=/healthz matcher=200-399"},
		{"custom", elb.CreateTargetGroupInput{Protocol: "TCP", Port: aws.Int32(443), VpcId: aws.String("vpc-1"), HealthCheckPort: aws.String("8080"),
			HealthCheckIntervalSeconds: aws.Int32(10), HealthyThresholdCount: aws.Int32(2), UnhealthyThresholdCount: aws.Int32(3)},
			"TCP 8080 enabled=true interval=10 timeout=10 healthy=2 unhealthy=3"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Name = aws.String(fmt.Sprintf("tg-%d", i))
			tg := call(w.elb.CreateTargetGroup(ctx, &in)).must(t).TargetGroups[0]
			if arn := aws.ToString(tg.TargetGroupArn); !reTGARN.MatchString(arn) {
				t.Errorf("ARN %q", arn)
			}
			if got := hcLine(tg); got != tt.want {
				t.Errorf("health check\n got %s\nwant %s", got, tt.want)
			}
			if tg.TargetType != types.TargetTypeEnumInstance || aws.ToString(tg.VpcId) != "vpc-1" || len(tg.LoadBalancerArns) != 0 {
				t.Errorf("TargetType %s VpcId %s LoadBalancerArns %v", tg.TargetType, aws.ToString(tg.VpcId), tg.LoadBalancerArns)
			}
		})
	}
}

func TestCreateTargetGroupErrors(t *testing.T) {
	w := start(t)
	base := func(name string) elb.CreateTargetGroupInput {
		return elb.CreateTargetGroupInput{Name: aws.String(name), Protocol: "TCP", Port: aws.Int32(443), VpcId: aws.String("vpc-1")}
	}
	taken := base("taken")
	call(w.elb.CreateTargetGroup(ctx, &taken)).must(t)
	with := func(f func(*elb.CreateTargetGroupInput)) elb.CreateTargetGroupInput {
		in := base("x")
		f(&in)
		return in
	}
	tests := []struct {
		name      string
		in        elb.CreateTargetGroupInput
		code, msg string
	}{
		{"duplicate", base("taken"), "", ""}, // same settings: the same group
		{"duplicate with other settings", with(func(in *elb.CreateTargetGroupInput) { in.Name = aws.String("taken"); in.Port = aws.Int32(80) }),
			"DuplicateTargetGroupName", "A target group with the same name 'taken' exists, but with different settings"},
		{"long name", base("a23456789012345678901234567890123"), "ValidationError", "Target group name 'a23456789012345678901234567890123' cannot be longer than '32' characters"},
		{"bad name", base("a.b"), "ValidationError", "Target group name 'a.b' can only contain characters that are alphanumeric characters or hyphens(-)"},
		{"dash", base("-ab"), "ValidationError", "Target group name '-ab' cannot begin or end with '-'"},
		{"no protocol", with(func(in *elb.CreateTargetGroupInput) { in.Protocol = "" }), "ValidationError", "A protocol must be specified"},
		{"no port", with(func(in *elb.CreateTargetGroupInput) { in.Port = nil }), "ValidationError", "A port must be specified"},
		{"no VPC", with(func(in *elb.CreateTargetGroupInput) { in.VpcId = nil }), "ValidationError", "A VPC ID must be specified"},
		{"interval too short", with(func(in *elb.CreateTargetGroupInput) { in.HealthCheckIntervalSeconds = aws.Int32(4) }),
			"ValidationError", "1 validation error detected: Value '4' at 'healthCheckIntervalSeconds' failed to satisfy constraint: Member must have value greater than or equal to 5"},
		{"threshold too high", with(func(in *elb.CreateTargetGroupInput) { in.HealthyThresholdCount = aws.Int32(11) }), "ValidationError", ""},
		{"timeout above interval", with(func(in *elb.CreateTargetGroupInput) {
			in.HealthCheckIntervalSeconds = aws.Int32(10)
			in.HealthCheckTimeoutSeconds = aws.Int32(20)
		}), "ValidationError", ""},
		{"path on a TCP check", with(func(in *elb.CreateTargetGroupInput) { in.HealthCheckPath = aws.String("/x") }), "InvalidConfigurationRequest", ""},
		{"bad matcher", with(func(in *elb.CreateTargetGroupInput) {
			in.HealthCheckProtocol = "HTTP"
			in.Matcher = &types.Matcher{HttpCode: aws.String("abc")}
		}), "ValidationError", ""},
		{"health checks off for instances", with(func(in *elb.CreateTargetGroupInput) { in.HealthCheckEnabled = aws.Bool(false) }), "ValidationError", ""},
		{"bad port", with(func(in *elb.CreateTargetGroupInput) { in.Port = aws.Int32(70000) }), "ValidationError", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.CreateTargetGroup(ctx, &tt.in)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestDescribeTargetGroups(t *testing.T) {
	w := start(t)
	var arns []string
	for _, n := range []string{"c", "a", "b"} {
		arns = append(arns, *w.tcpGroup(n, 443).TargetGroupArn)
	}
	lb := w.nlb("api")
	w.forward(*lb.LoadBalancerArn, arns[2], 443)
	names := func(tgs []types.TargetGroup) string {
		var out []string
		for _, tg := range tgs {
			out = append(out, aws.ToString(tg.TargetGroupName))
		}
		return fmt.Sprint(out)
	}
	var pages []string
	p := elb.NewDescribeTargetGroupsPaginator(w.elb, &elb.DescribeTargetGroupsInput{PageSize: aws.Int32(2)})
	for p.HasMorePages() {
		pages = append(pages, names(call(p.NextPage(ctx)).must(t).TargetGroups))
	}
	if fmt.Sprint(pages) != "[[a b] [c]]" {
		t.Errorf("pages %v", pages)
	}
	tests := []struct {
		name string
		in   elb.DescribeTargetGroupsInput
		want string
	}{
		{"by ARN", elb.DescribeTargetGroupsInput{TargetGroupArns: arns[:2]}, "[a c]"},
		{"by name", elb.DescribeTargetGroupsInput{Names: []string{"b"}}, "[b]"},
		{"by load balancer", elb.DescribeTargetGroupsInput{LoadBalancerArn: lb.LoadBalancerArn}, "[b]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := call(w.elb.DescribeTargetGroups(ctx, &tt.in)).must(t)
			if got := names(out.TargetGroups); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
	b := call(w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{Names: []string{"b"}})).must(t).TargetGroups[0]
	if fmt.Sprint(b.LoadBalancerArns) != "["+*lb.LoadBalancerArn+"]" {
		t.Errorf("LoadBalancerArns %v", b.LoadBalancerArns)
	}
	errs := []struct {
		name      string
		in        elb.DescribeTargetGroupsInput
		code, msg string
	}{
		{"missing name", elb.DescribeTargetGroupsInput{Names: []string{"zz"}}, "TargetGroupNotFound", "Target groups '[zz]' not found"},
		{"missing ARN", elb.DescribeTargetGroupsInput{TargetGroupArns: []string{arns[0] + "0"}}, "TargetGroupNotFound", "One or more target groups not found"},
		{"missing load balancer", elb.DescribeTargetGroupsInput{LoadBalancerArn: aws.String(*lb.LoadBalancerArn + "0")}, "LoadBalancerNotFound", ""},
		{"malformed ARN", elb.DescribeTargetGroupsInput{TargetGroupArns: []string{"x"}}, "ValidationError", "'x' is not a valid target group ARN"},
		{"ARNs and names", elb.DescribeTargetGroupsInput{TargetGroupArns: arns[:1], Names: []string{"a"}}, "ValidationError", ""},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.DescribeTargetGroups(ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestModifyTargetGroup(t *testing.T) {
	w := start(t)
	tg := w.tcpGroup("api", 443)
	out := call(w.elb.ModifyTargetGroup(ctx, &elb.ModifyTargetGroupInput{
		TargetGroupArn: tg.TargetGroupArn, HealthCheckProtocol: "HTTPS", HealthCheckPath: aws.String("/readyz"),
		HealthCheckIntervalSeconds: aws.Int32(30), Matcher: &types.Matcher{HttpCode: aws.String("200,401")},
	})).must(t)
	if got, want := hcLine(out.TargetGroups[0]), "HTTPS traffic-port enabled=true interval=30 timeout=10 healthy=2 unhealthy=2 path=/readyz matcher=200,401"; got != want {
		t.Errorf("after modify\n got %s\nwant %s", got, want)
	}
	out = call(w.elb.ModifyTargetGroup(ctx, &elb.ModifyTargetGroupInput{TargetGroupArn: tg.TargetGroupArn, HealthCheckProtocol: "TCP"})).must(t)
	if got, want := hcLine(out.TargetGroups[0]), "TCP traffic-port enabled=true interval=30 timeout=10 healthy=2 unhealthy=2"; got != want {
		t.Errorf("back to TCP\n got %s\nwant %s", got, want)
	}
	_, err := w.elb.ModifyTargetGroup(ctx, &elb.ModifyTargetGroupInput{TargetGroupArn: tg.TargetGroupArn, UnhealthyThresholdCount: aws.Int32(1)})
	wantErr(t, err, "ValidationError", "")
	_, err = w.elb.ModifyTargetGroup(ctx, &elb.ModifyTargetGroupInput{TargetGroupArn: aws.String(*tg.TargetGroupArn + "0")})
	wantErr(t, err, "TargetGroupNotFound", "")
}

func TestDeleteTargetGroup(t *testing.T) {
	w := start(t)
	tg := w.tcpGroup("api", 443)
	lb := w.nlb("api")
	l := w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)
	_, err := w.elb.DeleteTargetGroup(ctx, &elb.DeleteTargetGroupInput{TargetGroupArn: tg.TargetGroupArn})
	wantErr(t, err, "ResourceInUse", "Target group '"+*tg.TargetGroupArn+"' is currently in use by a listener or a rule")
	call(w.elb.DeleteListener(ctx, &elb.DeleteListenerInput{ListenerArn: l.ListenerArn})).must(t)
	call(w.elb.DeleteTargetGroup(ctx, &elb.DeleteTargetGroupInput{TargetGroupArn: tg.TargetGroupArn})).must(t)
	call(w.elb.DeleteTargetGroup(ctx, &elb.DeleteTargetGroupInput{TargetGroupArn: tg.TargetGroupArn})).must(t) // gone already: fine
	_, err = w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{TargetGroupArns: []string{*tg.TargetGroupArn}})
	wantErr(t, err, "TargetGroupNotFound", "")
	// A new group of the same name starts without the old one's targets.
	w.net.running("i-0123456789abcdef0")
	tg = w.tcpGroup("api", 443)
	if h := w.health(*tg.TargetGroupArn); len(h) != 0 {
		t.Errorf("new group has targets %v", h)
	}
}
