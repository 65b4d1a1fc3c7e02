package autoscaling_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

const launchHook = "autoscaling:EC2_INSTANCE_LAUNCHING"

// withLaunchHook creates the group with a launching hook.
func withLaunchHook(heartbeat int32, def string) func(*asg.CreateAutoScalingGroupInput) {
	return func(in *asg.CreateAutoScalingGroupInput) {
		in.LifecycleHookSpecificationList = []types.LifecycleHookSpecification{{
			LifecycleHookName: aws.String("boot"), LifecycleTransition: aws.String(launchHook),
			HeartbeatTimeout: aws.Int32(heartbeat), DefaultResult: aws.String(def),
		}}
	}
}

func (h *harness) complete(id, result string) error {
	_, err := h.client.CompleteLifecycleAction(h.ctx, &asg.CompleteLifecycleActionInput{
		AutoScalingGroupName: aws.String("web"), LifecycleHookName: aws.String("boot"),
		InstanceId: aws.String(id), LifecycleActionResult: aws.String(result),
	})
	return err
}

func TestLaunchHookHoldsUntilContinue(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 1, 1, withLaunchHook(300, "ABANDON"))
	for range 3 {
		h.reconcile()
		h.ec2.runAll()
		h.clk.Step(time.Minute)
	}
	g := h.group("web")
	if got := byState(g); got[types.LifecycleStatePendingWait] != 1 || len(g.Instances) != 1 {
		t.Fatalf("states = %v, want one Pending:Wait", got)
	}
	id := instanceIDs(g, "")[0]
	acts := h.activities("web")
	if len(acts) != 1 || acts[0].StatusCode != types.ScalingActivityStatusCodeMidLifecycleAction {
		t.Errorf("launch activity %s, want MidLifecycleAction", acts[0].StatusCode)
	}
	if err := h.complete(id, "CONTINUE"); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	g = h.group("web")
	if got := instanceIDs(g, types.LifecycleStateInService); len(got) != 1 || got[0] != id {
		t.Fatalf("after CONTINUE: %v", summary(g))
	}
	if a := h.activities("web")[0]; a.StatusCode != types.ScalingActivityStatusCodeSuccessful {
		t.Errorf("launch activity %s, want Successful", a.StatusCode)
	}
	// No action is left to complete.
	wantCode(t, h.complete(id, "CONTINUE"), "ValidationError", "No active Lifecycle Action found with instance ID "+id)
}

func TestLaunchHookAbandon(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 1, 1, withLaunchHook(300, "CONTINUE"))
	h.reconcile()
	first := instanceIDs(h.group("web"), "")[0]
	if err := h.complete(first, "ABANDON"); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	if st := h.ec2.state(first); st != autoscaling.EC2Terminated {
		t.Fatalf("abandoned instance is %s in EC2", st)
	}
	g := h.group("web")
	if contains(instanceIDs(g, ""), first) || byState(g)[types.LifecycleStatePendingWait] != 1 {
		t.Fatalf("after ABANDON: %v, want a replacement in Pending:Wait", summary(g))
	}
	launch := activityFor(t, h.activities("web"), "Launching a new EC2 instance: "+first)
	if launch.StatusCode != types.ScalingActivityStatusCodeCancelled {
		t.Errorf("abandoned launch %s, want Cancelled", launch.StatusCode)
	}
}

func TestLaunchHookHeartbeatTimeout(t *testing.T) {
	for _, def := range []string{"CONTINUE", "ABANDON"} {
		t.Run(def, func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 1, 1, 1, withLaunchHook(60, def))
			h.reconcile()
			h.ec2.runAll()
			id := instanceIDs(h.group("web"), "")[0]
			// A heartbeat at 50s pushes the deadline to 110s.
			h.clk.Step(50 * time.Second)
			if _, err := h.client.RecordLifecycleActionHeartbeat(h.ctx, &asg.RecordLifecycleActionHeartbeatInput{
				AutoScalingGroupName: aws.String("web"), LifecycleHookName: aws.String("boot"), InstanceId: aws.String(id),
			}); err != nil {
				t.Fatal(err)
			}
			h.clk.Step(59 * time.Second)
			h.reconcile()
			if g := h.group("web"); byState(g)[types.LifecycleStatePendingWait] != 1 {
				t.Fatalf("before the deadline: %v", summary(g))
			}
			h.clk.Step(time.Second)
			h.reconcile()
			g := h.group("web")
			if def == "CONTINUE" {
				if got := instanceIDs(g, types.LifecycleStateInService); len(got) != 1 || got[0] != id {
					t.Fatalf("after the timeout with CONTINUE: %v", summary(g))
				}
				return
			}
			if contains(instanceIDs(g, ""), id) || h.ec2.state(id) != autoscaling.EC2Terminated {
				t.Fatalf("after the timeout with ABANDON: %v", summary(g))
			}
		})
	}
}

func TestTerminationHook(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 2, 1, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	id := instanceIDs(h.settle("web"), "")[0]
	if _, err := h.client.PutLifecycleHook(h.ctx, &asg.PutLifecycleHookInput{
		AutoScalingGroupName: aws.String("web"), LifecycleHookName: aws.String("drain"),
		LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING"),
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	g := h.group("web")
	if got := byState(g)[types.LifecycleStateTerminatingWait]; got != 1 {
		t.Fatalf("states %v, want Terminating:Wait", summary(g))
	}
	if len(h.tgs.members(tgA)) != 0 {
		t.Errorf("still registered while waiting: %v", h.tgs.members(tgA))
	}
	if h.ec2.state(id) != autoscaling.EC2Running {
		t.Errorf("terminated before the hook completed")
	}
	// The hook's default: 3600s heartbeat, ABANDON, which for a
	// termination still terminates.
	out, err := h.client.DescribeLifecycleHooks(h.ctx, &asg.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String("web")})
	if err != nil || len(out.LifecycleHooks) != 1 || aws.ToInt32(out.LifecycleHooks[0].HeartbeatTimeout) != 3600 ||
		aws.ToString(out.LifecycleHooks[0].DefaultResult) != "ABANDON" || aws.ToInt32(out.LifecycleHooks[0].GlobalTimeout) != 172800 {
		t.Fatalf("DescribeLifecycleHooks = %+v, %v", out, err)
	}
	h.clk.Step(time.Hour)
	h.reconcile()
	if g := h.group("web"); len(g.Instances) != 0 || h.ec2.state(id) != autoscaling.EC2Terminated {
		t.Fatalf("after the heartbeat timeout: %v, EC2 %s", summary(g), h.ec2.state(id))
	}
}

func TestLifecycleHookAPI(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 1, 0)
	put := func(in *asg.PutLifecycleHookInput) error {
		in.AutoScalingGroupName = aws.String("web")
		_, err := h.client.PutLifecycleHook(h.ctx, in)
		return err
	}
	if err := put(&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("b"), LifecycleTransition: aws.String(launchHook),
		HeartbeatTimeout: aws.Int32(120), DefaultResult: aws.String("CONTINUE"), NotificationMetadata: aws.String("m")}); err != nil {
		t.Fatal(err)
	}
	// An update keeps what it does not send.
	if err := put(&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("b"), HeartbeatTimeout: aws.Int32(240)}); err != nil {
		t.Fatal(err)
	}
	if err := put(&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("a"), LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING")}); err != nil {
		t.Fatal(err)
	}
	errs := []struct {
		in  *asg.PutLifecycleHookInput
		msg string
	}{
		{&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("c")}, "A lifecycle transition must be specified when creating a lifecycle hook."},
		{&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("c"), LifecycleTransition: aws.String("x")}, ""},
		{&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("c"), LifecycleTransition: aws.String(launchHook), HeartbeatTimeout: aws.Int32(10)}, ""},
		{&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("c"), LifecycleTransition: aws.String(launchHook), DefaultResult: aws.String("MAYBE")}, ""},
		{&asg.PutLifecycleHookInput{LifecycleHookName: aws.String("bad name"), LifecycleTransition: aws.String(launchHook)}, ""},
	}
	for _, e := range errs {
		wantCode(t, put(e.in), "ValidationError", e.msg)
	}
	out, err := h.client.DescribeLifecycleHooks(h.ctx, &asg.DescribeLifecycleHooksInput{AutoScalingGroupName: aws.String("web")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.LifecycleHooks) != 2 || aws.ToString(out.LifecycleHooks[0].LifecycleHookName) != "a" {
		t.Fatalf("hooks = %+v", out.LifecycleHooks)
	}
	b := out.LifecycleHooks[1]
	if aws.ToInt32(b.HeartbeatTimeout) != 240 || aws.ToString(b.DefaultResult) != "CONTINUE" || aws.ToString(b.NotificationMetadata) != "m" ||
		aws.ToString(b.LifecycleTransition) != launchHook || aws.ToInt32(b.GlobalTimeout) != 24000 {
		t.Errorf("hook b = %+v", b)
	}
	if _, err := h.client.DeleteLifecycleHook(h.ctx, &asg.DeleteLifecycleHookInput{AutoScalingGroupName: aws.String("web"), LifecycleHookName: aws.String("a")}); err != nil {
		t.Fatal(err)
	}
	_, err = h.client.DeleteLifecycleHook(h.ctx, &asg.DeleteLifecycleHookInput{AutoScalingGroupName: aws.String("web"), LifecycleHookName: aws.String("a")})
	wantCode(t, err, "ValidationError", "No Lifecycle Hook found with name a for AutoScalingGroup web")
	types2, err := h.client.DescribeLifecycleHookTypes(h.ctx, &asg.DescribeLifecycleHookTypesInput{})
	if err != nil || len(types2.LifecycleHookTypes) != 2 {
		t.Errorf("DescribeLifecycleHookTypes = %v, %v", types2, err)
	}
	_, err = h.client.CompleteLifecycleAction(h.ctx, &asg.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String("web"),
		LifecycleHookName: aws.String("b"), LifecycleActionResult: aws.String("CONTINUE")})
	wantCode(t, err, "ValidationError", "Either LifecycleActionToken or InstanceId must be specified.")
	_, err = h.client.CompleteLifecycleAction(h.ctx, &asg.CompleteLifecycleActionInput{AutoScalingGroupName: aws.String("web"),
		LifecycleHookName: aws.String("b"), LifecycleActionResult: aws.String("CONTINUE"), LifecycleActionToken: aws.String("0b9b7ed0-0000-4000-8000-000000000000")})
	wantCode(t, err, "ValidationError", "No active Lifecycle Action found with token 0b9b7ed0-0000-4000-8000-000000000000")
}
