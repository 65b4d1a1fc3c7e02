package autoscaling_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

// activityFor finds the activity whose Description is desc.
func activityFor(t *testing.T, acts []types.Activity, desc string) types.Activity {
	t.Helper()
	for _, a := range acts {
		if aws.ToString(a.Description) == desc {
			return a
		}
	}
	t.Fatalf("no activity %q", desc)
	return types.Activity{}
}

func TestReplacesTerminatedInstance(t *testing.T) {
	for _, state := range []string{autoscaling.EC2Terminated, autoscaling.EC2Stopped} {
		t.Run(state, func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 3, 3, 3)
			g := h.settle("web")
			victim := instanceIDs(g, "")[1]
			h.ec2.set(state, victim)
			h.clk.Step(10 * time.Second)
			h.reconcile()
			g = h.group("web")
			for _, in := range g.Instances {
				if aws.ToString(in.InstanceId) == victim {
					t.Fatalf("%s still in the group: %v", victim, summary(g))
				}
			}
			if got := byState(g); got[types.LifecycleStatePending] != 1 || got[types.LifecycleStateInService] != 2 {
				t.Fatalf("states = %v, want a replacement Pending", got)
			}
			if st := h.ec2.state(victim); st != autoscaling.EC2Terminated {
				t.Errorf("the %s instance is %s, want terminated", state, st)
			}
			g = h.settle("web")
			if got := byZone(g); !reflect.DeepEqual(got, map[string]int{"us-east-1a": 1, "us-east-1b": 1, "us-east-1c": 1}) {
				t.Errorf("replacement broke the balance: %v", got)
			}
			a := activityFor(t, h.activities("web"), "Terminating EC2 instance: "+victim)
			if want := "At 2026-11-23T10:00:10Z an instance was taken out of service in response to an EC2 health check indicating it has been terminated or stopped."; aws.ToString(a.Cause) != want {
				t.Errorf("Cause = %q", aws.ToString(a.Cause))
			}
		})
	}
}

func TestReplacesUnhealthyInstance(t *testing.T) {
	h := newHarness(t)
	h.create("web", 2, 2, 2, func(in *asg.CreateAutoScalingGroupInput) { in.HealthCheckGracePeriod = aws.Int32(300) })
	g := h.settle("web")
	sick := instanceIDs(g, "")[0]
	set := func(respect bool) {
		t.Helper()
		_, err := h.client.SetInstanceHealth(h.ctx, &asg.SetInstanceHealthInput{InstanceId: aws.String(sick), HealthStatus: aws.String("Unhealthy"), ShouldRespectGracePeriod: aws.Bool(respect)})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Within the grace period, respecting it: ignored.
	set(true)
	h.reconcile()
	if g := h.group("web"); len(instanceIDs(g, types.LifecycleStateInService)) != 2 || aws.ToString(g.Instances[0].HealthStatus) != "Healthy" {
		t.Fatalf("an Unhealthy mark in the grace period was honoured: %v", summary(g))
	}
	h.clk.Step(301 * time.Second)
	set(true)
	out, err := h.client.DescribeAutoScalingInstances(h.ctx, &asg.DescribeAutoScalingInstancesInput{InstanceIds: []string{sick}})
	if err != nil || len(out.AutoScalingInstances) != 1 || aws.ToString(out.AutoScalingInstances[0].HealthStatus) != "Unhealthy" {
		t.Fatalf("DescribeAutoScalingInstances = %+v, %v", out, err)
	}
	h.reconcile()
	g = h.group("web")
	if contains(instanceIDs(g, ""), sick) || len(instanceIDs(g, types.LifecycleStatePending)) != 1 {
		t.Fatalf("the unhealthy instance is not replaced: %v", summary(g))
	}
	a := activityFor(t, h.activities("web"), "Terminating EC2 instance: "+sick)
	if want := "At 2026-11-23T10:05:01Z an instance was taken out of service in response to a user health-check."; aws.ToString(a.Cause) != want {
		t.Errorf("Cause = %q", aws.ToString(a.Cause))
	}
}

func TestReplacesImpairedInstanceAfterGrace(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 1, 1, func(in *asg.CreateAutoScalingGroupInput) { in.HealthCheckGracePeriod = aws.Int32(60) })
	g := h.settle("web")
	id := instanceIDs(g, "")[0]
	h.ec2.impair(id)
	h.reconcile()
	if g := h.group("web"); !reflect.DeepEqual(instanceIDs(g, types.LifecycleStateInService), []string{id}) {
		t.Fatalf("impaired in the grace period and replaced: %v", summary(g))
	}
	h.clk.Step(time.Minute)
	h.reconcile()
	if g := h.group("web"); contains(instanceIDs(g, ""), id) {
		t.Fatalf("impaired after the grace period and kept: %v", summary(g))
	}
}

type unhealthyTargets struct{ ids []string }

func (u unhealthyTargets) Unhealthy(context.Context, string, string, string, []string) ([]string, error) {
	return u.ids, nil
}

func TestELBHealthCheck(t *testing.T) {
	th := &unhealthyTargets{}
	h := newHarness(t, func(c *autoscaling.Config) { c.TargetHealth = th })
	h.create("web", 2, 2, 2, func(in *asg.CreateAutoScalingGroupInput) {
		in.TargetGroupARNs = []string{tgA}
	})
	g := h.settle("web")
	sick := instanceIDs(g, "")[:1]
	// With EC2 health checks the target group's opinion does not count.
	th.ids = sick
	h.reconcile()
	if g := h.group("web"); len(instanceIDs(g, types.LifecycleStateInService)) != 2 {
		t.Fatalf("EC2 health check type acted on ELB health: %v", summary(g))
	}
	if _, err := h.client.UpdateAutoScalingGroup(h.ctx, &asg.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"), HealthCheckType: aws.String("ELB")}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	g = h.group("web")
	if contains(instanceIDs(g, ""), sick[0]) {
		t.Fatalf("ELB-unhealthy instance kept: %v", summary(g))
	}
	a := activityFor(t, h.activities("web"), "Terminating EC2 instance: "+sick[0])
	if want := "At 2026-11-23T10:00:00Z an instance was taken out of service in response to an ELB system health check failure."; aws.ToString(a.Cause) != want {
		t.Errorf("Cause = %q", aws.ToString(a.Cause))
	}
}

func TestSuspendedProcesses(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 4, 2)
	h.settle("web")
	suspend := func(names ...string) {
		t.Helper()
		if _, err := h.client.SuspendProcesses(h.ctx, &asg.SuspendProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: names}); err != nil {
			t.Fatal(err)
		}
	}
	resume := func(names ...string) {
		t.Helper()
		if _, err := h.client.ResumeProcesses(h.ctx, &asg.ResumeProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: names}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("Launch", func(t *testing.T) {
		suspend("Launch")
		if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(3)}); err != nil {
			t.Fatal(err)
		}
		h.reconcile()
		g := h.group("web")
		if len(g.Instances) != 2 {
			t.Fatalf("launched with Launch suspended: %v", summary(g))
		}
		if len(g.SuspendedProcesses) != 1 || aws.ToString(g.SuspendedProcesses[0].ProcessName) != "Launch" ||
			aws.ToString(g.SuspendedProcesses[0].SuspensionReason) != "User suspended at 2026-11-23T10:00:00Z" {
			t.Errorf("SuspendedProcesses = %+v", g.SuspendedProcesses)
		}
		resume("Launch")
		if g := h.settle("web"); len(instanceIDs(g, types.LifecycleStateInService)) != 3 {
			t.Fatalf("after resuming Launch: %v", summary(g))
		}
	})

	t.Run("ReplaceUnhealthy", func(t *testing.T) {
		suspend("ReplaceUnhealthy")
		victim := instanceIDs(h.group("web"), "")[0]
		h.ec2.set(autoscaling.EC2Terminated, victim)
		h.reconcile()
		g := h.group("web")
		var health string
		for _, in := range g.Instances {
			if aws.ToString(in.InstanceId) == victim {
				health = aws.ToString(in.HealthStatus) + " " + string(in.LifecycleState)
			}
		}
		if health != "Unhealthy InService" {
			t.Fatalf("with ReplaceUnhealthy suspended the terminated instance is %q, want Unhealthy InService: %v", health, summary(g))
		}
		resume()
		h.reconcile()
		if g := h.group("web"); contains(instanceIDs(g, ""), victim) || len(g.SuspendedProcesses) != 0 {
			t.Fatalf("after resuming: %v %v", summary(g), g.SuspendedProcesses)
		}
	})

	t.Run("Terminate", func(t *testing.T) {
		h.settle("web")
		suspend("Terminate")
		if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(1)}); err != nil {
			t.Fatal(err)
		}
		h.reconcile()
		if g := h.group("web"); len(g.Instances) != 3 {
			t.Fatalf("terminated with Terminate suspended: %v", summary(g))
		}
		resume("Terminate")
		if g := h.settle("web"); len(g.Instances) != 1 {
			t.Fatalf("after resuming Terminate: %v", summary(g))
		}
	})
}

func contains(list []string, v string) bool {
	for _, w := range list {
		if w == v {
			return true
		}
	}
	return false
}
