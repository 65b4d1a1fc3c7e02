package elbv2_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/drydock-sandbox/drydock/fakeaws/compute"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
)

const (
	i1 = "i-0000000000000000a"
	i2 = "i-0000000000000000b"
)

func (w *world) register(tgARN string, ids ...string) {
	w.t.Helper()
	var targets []types.TargetDescription
	for _, id := range ids {
		targets = append(targets, types.TargetDescription{Id: aws.String(id)})
	}
	call(w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: aws.String(tgARN), Targets: targets})).must(w.t)
}

func (w *world) deregister(tgARN string, ids ...string) {
	w.t.Helper()
	var targets []types.TargetDescription
	for _, id := range ids {
		targets = append(targets, types.TargetDescription{Id: aws.String(id)})
	}
	call(w.elb.DeregisterTargets(ctx, &elb.DeregisterTargetsInput{TargetGroupArn: aws.String(tgARN), Targets: targets})).must(w.t)
}

// wantHealth asserts the health of every target of a group.
func (w *world) wantHealth(tgARN string, want ...string) {
	w.t.Helper()
	if got := w.health(tgARN); fmt.Sprint(got) != fmt.Sprint(want) {
		w.t.Errorf("at +%s health\n got %q\nwant %q", w.clk.Now().Sub(epoch), got, want)
	}
}

func TestTargetHealthLifecycle(t *testing.T) {
	w := start(t)
	w.net.running(i1)
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	w.register(tg, i1)
	w.wantHealth(tg, i1+":443 unused Target.NotInUse: Target group is not configured to receive traffic from the load balancer")

	lb := w.nlb("api")
	w.forward(*lb.LoadBalancerArn, tg, 443)
	w.wantHealth(tg, i1+":443 initial Elb.RegistrationInProgress: Target registration is in progress")

	w.step(provisioning) // active: health checks start
	w.wantHealth(tg, i1+":443 initial Elb.InitialHealthChecking: Initial health checks in progress")
	w.step(19 * time.Second)
	w.wantHealth(tg, i1+":443 initial Elb.InitialHealthChecking: Initial health checks in progress")
	w.step(time.Second) // HealthyThresholdCount (2) x interval (10s)
	w.wantHealth(tg, i1+":443 healthy")

	w.deregister(tg, i1)
	w.wantHealth(tg, i1+":443 draining Target.DeregistrationInProgress: Target deregistration is in progress")
	w.step(299 * time.Second)
	w.wantHealth(tg, i1+":443 draining Target.DeregistrationInProgress: Target deregistration is in progress")
	w.step(time.Second) // deregistration_delay.timeout_seconds
	w.wantHealth(tg)

	// Registered again, it starts over.
	w.register(tg, i1)
	w.wantHealth(tg, i1+":443 initial Elb.InitialHealthChecking: Initial health checks in progress")
	w.step(20 * time.Second)
	w.wantHealth(tg, i1+":443 healthy")
}

func TestTargetHealthFollowsInstanceState(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	w.net.running(i1)
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	w.forward(*w.nlb("api").LoadBalancerArn, tg, 443)
	w.register(tg, i1)
	w.step(20 * time.Second)
	w.wantHealth(tg, i1+":443 healthy")

	steps := []struct {
		state, want string
	}{
		{elbv2.StateStopping, "unused Target.InvalidState: Target is in the stopped state"},
		{elbv2.StateStopped, "unused Target.InvalidState: Target is in the stopped state"},
		{elbv2.StatePending, "initial Elb.RegistrationInProgress: Target registration is in progress"},
		{elbv2.StateRunning, "initial Elb.InitialHealthChecking: Initial health checks in progress"},
		{elbv2.StateShuttingDown, "unused Target.InvalidState: Target is in the terminated state"},
		{elbv2.StateTerminated, "unused Target.InvalidState: Target is in the terminated state"},
	}
	for _, s := range steps {
		w.net.setInstance(i1, elbv2.Instance{State: s.state, VpcID: "vpc-1", AvailabilityZone: "us-east-1a", StateSince: w.clk.Now()})
		w.wantHealth(tg, i1+":443 "+s.want)
	}
	// Running again since now: healthy after the threshold.
	w.net.setInstance(i1, elbv2.Instance{State: elbv2.StateRunning, VpcID: "vpc-1", AvailabilityZone: "us-east-1a", StateSince: w.clk.Now()})
	w.step(10 * time.Second)
	w.wantHealth(tg, i1+":443 initial Elb.InitialHealthChecking: Initial health checks in progress")
	w.step(10 * time.Second)
	w.wantHealth(tg, i1+":443 healthy")
}

func TestTargetHealthFromRuntime(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	w.net.running(i1)
	w.net.setInstance(i2, elbv2.Instance{State: elbv2.StateRunning, VpcID: "vpc-1", AvailabilityZone: "us-east-1c"})
	w.rt.set(i1, compute.Status{Known: true, Up: true, Healthy: false})
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	w.forward(*w.nlb("api").LoadBalancerArn, tg, 443)
	w.register(tg, i1, i2)
	w.step(20 * time.Second)
	w.wantHealth(tg,
		i1+":443 unhealthy Target.FailedHealthChecks: Health checks failed",
		i2+":443 unused Target.NotInUse: Target is in an Availability Zone that is not enabled for the load balancer")
	w.rt.set(i1, compute.Status{Known: true, Up: true, Healthy: true})
	w.wantHealth(tg,
		i1+":443 healthy",
		i2+":443 unused Target.NotInUse: Target is in an Availability Zone that is not enabled for the load balancer")
}

func TestTargetHealthAtSpeedZero(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay, c.Speed = 0, 0 })
	w.net.running(i1)
	tg := *w.tcpGroup("api", 443).TargetGroupArn
	w.forward(*w.nlb("api").LoadBalancerArn, tg, 443)
	w.register(tg, i1)
	w.wantHealth(tg, i1+":443 healthy")
	w.deregister(tg, i1)
	w.wantHealth(tg) // no draining at speed 0
}

func TestDescribeTargetHealthOfSomeTargets(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	w.net.running(i1)
	w.net.running(i2)
	tg := w.tcpGroup("api", 443)
	w.forward(*w.nlb("api").LoadBalancerArn, *tg.TargetGroupArn, 443)
	w.register(*tg.TargetGroupArn, i1)
	w.step(time.Minute)
	out := call(w.elb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{
		TargetGroupArn: tg.TargetGroupArn,
		Targets:        []types.TargetDescription{{Id: aws.String(i2)}, {Id: aws.String(i1)}},
	})).must(t)
	var got []string
	for _, d := range out.TargetHealthDescriptions {
		got = append(got, healthLine(d)+" hc="+aws.ToString(d.HealthCheckPort))
	}
	want := []string{
		i2 + ":443 unused Target.NotRegistered: Target is not registered to the target group hc=443",
		i1 + ":443 healthy hc=443",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	_, err := w.elb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{
		TargetGroupArn: tg.TargetGroupArn, Targets: []types.TargetDescription{{Id: aws.String("i-0000000000000dead")}},
	})
	wantErr(t, err, "InvalidTarget", "The following instances do not exist: 'i-0000000000000dead'")
	_, err = w.elb.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: aws.String(*tg.TargetGroupArn + "0")})
	wantErr(t, err, "TargetGroupNotFound", "")
}

func TestRegisterTargetsErrors(t *testing.T) {
	w := start(t)
	w.net.running(i1)
	w.net.setInstance(i2, elbv2.Instance{State: elbv2.StateStopped, VpcID: "vpc-1"})
	w.net.setInstance("i-0000000000000000c", elbv2.Instance{State: elbv2.StateRunning, VpcID: "vpc-2"})
	tg := w.tcpGroup("api", 443)
	ipTG := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{
		Name: aws.String("ips"), Protocol: "TCP", Port: aws.Int32(443), VpcId: aws.String("vpc-1"), TargetType: types.TargetTypeEnumIp,
	})).must(t).TargetGroups[0]
	tests := []struct {
		name      string
		tg        *string
		id        string
		code, msg string
	}{
		{"missing instance", tg.TargetGroupArn, "i-0000000000000dead", "InvalidTarget", "The following instances do not exist: 'i-0000000000000dead'"},
		{"stopped instance", tg.TargetGroupArn, i2, "InvalidTarget", "The following targets are not in a running state and can not be registered: '" + i2 + "'"},
		{"instance in another VPC", tg.TargetGroupArn, "i-0000000000000000c", "InvalidTarget", "The following targets are not in the target group VPC 'vpc-1': 'i-0000000000000000c'"},
		{"not an instance ID", tg.TargetGroupArn, "10.0.0.1", "ValidationError", "Instance ID '10.0.0.1' is not valid"},
		{"not an IP", ipTG.TargetGroupArn, "i-0000000000000000a", "ValidationError", "The IP address 'i-0000000000000000a' is not a valid IPv4 address"},
		{"missing group", aws.String(*tg.TargetGroupArn + "0"), i1, "TargetGroupNotFound", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tt.tg, Targets: []types.TargetDescription{{Id: aws.String(tt.id)}}})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
	_, err := w.elb.DeregisterTargets(ctx, &elb.DeregisterTargetsInput{TargetGroupArn: tg.TargetGroupArn, Targets: []types.TargetDescription{{Id: aws.String("i-0000000000000dead")}}})
	wantErr(t, err, "InvalidTarget", "The following instances do not exist: 'i-0000000000000dead'")
	// Deregistering an instance that is not registered does nothing.
	w.deregister(*tg.TargetGroupArn, i1)

	// A thousand targets per group.
	var many []types.TargetDescription
	for i := range 1001 {
		many = append(many, types.TargetDescription{Id: aws.String(fmt.Sprintf("10.0.%d.%d", i/250, i%250+1))})
	}
	_, err = w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: ipTG.TargetGroupArn, Targets: many})
	wantErr(t, err, "TooManyTargets", "")
	call(w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: ipTG.TargetGroupArn, Targets: many[:1000]})).must(t)
	if n := len(w.health(*ipTG.TargetGroupArn)); n != 1000 {
		t.Errorf("%d targets registered, want 1000", n)
	}
}

func TestTargetsOnSeveralPorts(t *testing.T) {
	w := start(t, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	w.net.running(i1)
	tg := w.tcpGroup("api", 443)
	call(w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tg.TargetGroupArn, Targets: []types.TargetDescription{
		{Id: aws.String(i1), Port: aws.Int32(8443)}, {Id: aws.String(i1)},
	}})).must(t)
	w.wantHealth(*tg.TargetGroupArn,
		i1+":443 unused Target.NotInUse: Target group is not configured to receive traffic from the load balancer",
		i1+":8443 unused Target.NotInUse: Target group is not configured to receive traffic from the load balancer")
	// Not in use: deregistration is immediate.
	call(w.elb.DeregisterTargets(ctx, &elb.DeregisterTargetsInput{TargetGroupArn: tg.TargetGroupArn, Targets: []types.TargetDescription{{Id: aws.String(i1), Port: aws.Int32(8443)}}})).must(t)
	w.wantHealth(*tg.TargetGroupArn, i1+":443 unused Target.NotInUse: Target group is not configured to receive traffic from the load balancer")
}
