package autoscaling_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

func TestTerminateInstanceInAutoScalingGroup(t *testing.T) {
	tests := []struct {
		decrement   bool
		wantDesired int32
		wantCause   string
	}{
		{false, 3, "At 2026-11-23T10:00:00Z instance %s was taken out of service in response to a user request."},
		{true, 2, "At 2026-11-23T10:00:00Z instance %s was taken out of service in response to a user request, shrinking the capacity from 3 to 2."},
	}
	for _, tt := range tests {
		name := "keep desired"
		if tt.decrement {
			name = "decrement"
		}
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 1, 3, 3)
			victim := instanceIDs(h.settle("web"), "")[2]
			out, err := h.client.TerminateInstanceInAutoScalingGroup(h.ctx, &asg.TerminateInstanceInAutoScalingGroupInput{
				InstanceId: aws.String(victim), ShouldDecrementDesiredCapacity: aws.Bool(tt.decrement),
			})
			if err != nil {
				t.Fatal(err)
			}
			a := out.Activity
			if aws.ToString(a.Description) != "Terminating EC2 instance: "+victim || a.StatusCode != types.ScalingActivityStatusCodeInProgress ||
				aws.ToString(a.Cause) != sprintf(tt.wantCause, victim) || aws.ToString(a.ActivityId) == "" || aws.ToString(a.AutoScalingGroupName) != "web" {
				t.Errorf("Activity = %s %s %q", aws.ToString(a.Description), a.StatusCode, aws.ToString(a.Cause))
			}
			g := h.group("web")
			if aws.ToInt32(g.DesiredCapacity) != tt.wantDesired {
				t.Errorf("DesiredCapacity = %d, want %d", aws.ToInt32(g.DesiredCapacity), tt.wantDesired)
			}
			g = h.settle("web")
			if contains(instanceIDs(g, ""), victim) || len(instanceIDs(g, types.LifecycleStateInService)) != int(tt.wantDesired) {
				t.Errorf("after settling: %v", summary(g))
			}
			done := activityFor(t, h.activities("web"), "Terminating EC2 instance: "+victim)
			if done.StatusCode != types.ScalingActivityStatusCodeSuccessful || aws.ToString(done.ActivityId) != aws.ToString(a.ActivityId) {
				t.Errorf("activity ended %s", done.StatusCode)
			}
			if h.ec2.state(victim) != autoscaling.EC2Terminated {
				t.Errorf("%s not terminated in EC2", victim)
			}
		})
	}
}

func TestTerminateInstanceErrors(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 3, 1)
	id := instanceIDs(h.settle("web"), "")[0]
	_, err := h.client.TerminateInstanceInAutoScalingGroup(h.ctx, &asg.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String(id), ShouldDecrementDesiredCapacity: aws.Bool(true)})
	wantCode(t, err, "ValidationError", "Currently, desiredCapacity (1) is less than or equal to minSize (1). You must decrease minSize before decrementing the desired capacity.")
	_, err = h.client.TerminateInstanceInAutoScalingGroup(h.ctx, &asg.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String("i-0000000000000dead"), ShouldDecrementDesiredCapacity: aws.Bool(false)})
	wantCode(t, err, "ValidationError", "Instance Id not found - No managed instance found for instance ID: i-0000000000000dead")
	// Another account does not see the instance.
	_, err = h.clientFor("other").TerminateInstanceInAutoScalingGroup(h.ctx, &asg.TerminateInstanceInAutoScalingGroupInput{InstanceId: aws.String(id), ShouldDecrementDesiredCapacity: aws.Bool(false)})
	wantCode(t, err, "ValidationError", "")
}

func TestDetachInstances(t *testing.T) {
	for _, decrement := range []bool{false, true} {
		name := "keep desired"
		if decrement {
			name = "decrement"
		}
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 0, 3, 2, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
			all := instanceIDs(h.settle("web"), "")
			out, err := h.client.DetachInstances(h.ctx, &asg.DetachInstancesInput{
				AutoScalingGroupName: aws.String("web"), InstanceIds: all[:1], ShouldDecrementDesiredCapacity: aws.Bool(decrement),
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Activities) != 1 || aws.ToString(out.Activities[0].Description) != "Detaching EC2 instance: "+all[0] {
				t.Fatalf("Activities = %+v", out.Activities)
			}
			g := h.group("web")
			if got := byState(g)[types.LifecycleStateDetaching]; got != 1 {
				t.Errorf("Detaching = %d: %v", got, summary(g))
			}
			g = h.settle("web")
			if contains(instanceIDs(g, ""), all[0]) {
				t.Fatalf("detached instance still in the group: %v", summary(g))
			}
			if h.ec2.state(all[0]) != autoscaling.EC2Running {
				t.Errorf("detached instance is %s, want running", h.ec2.state(all[0]))
			}
			if contains(h.tgs.members(tgA), all[0]) {
				t.Errorf("detached instance still registered: %v", h.tgs.members(tgA))
			}
			wantN, wantDesired := 2, int32(2)
			if decrement {
				wantN, wantDesired = 1, 1
			}
			if n := len(instanceIDs(g, types.LifecycleStateInService)); n != wantN || aws.ToInt32(g.DesiredCapacity) != wantDesired {
				t.Errorf("InService %d desired %d, want %d and %d", n, aws.ToInt32(g.DesiredCapacity), wantN, wantDesired)
			}
			if _, err := h.client.DescribeAutoScalingInstances(h.ctx, &asg.DescribeAutoScalingInstancesInput{InstanceIds: all[:1]}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDetachInstancesErrors(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 3, 1)
	all := instanceIDs(h.settle("web"), "")
	_, err := h.client.DetachInstances(h.ctx, &asg.DetachInstancesInput{AutoScalingGroupName: aws.String("web"), InstanceIds: all, ShouldDecrementDesiredCapacity: aws.Bool(true)})
	wantCode(t, err, "ValidationError", "")
	_, err = h.client.DetachInstances(h.ctx, &asg.DetachInstancesInput{AutoScalingGroupName: aws.String("web"), InstanceIds: []string{"i-0000000000000dead"}, ShouldDecrementDesiredCapacity: aws.Bool(false)})
	wantCode(t, err, "ValidationError", "The instance i-0000000000000dead is not part of Auto Scaling group web.")
}

func TestAttachInstances(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 3, 1, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	h.settle("web")
	extra := h.ec2.addInstance("subnet-b")
	if _, err := h.client.AttachInstances(h.ctx, &asg.AttachInstancesInput{AutoScalingGroupName: aws.String("web"), InstanceIds: []string{extra}}); err != nil {
		t.Fatal(err)
	}
	g := h.group("web")
	if aws.ToInt32(g.DesiredCapacity) != 2 {
		t.Errorf("DesiredCapacity = %d, want 2", aws.ToInt32(g.DesiredCapacity))
	}
	g = h.settle("web")
	if !contains(instanceIDs(g, types.LifecycleStateInService), extra) || len(g.Instances) != 2 {
		t.Fatalf("attached instance not in service: %v", summary(g))
	}
	if !contains(h.tgs.members(tgA), extra) {
		t.Errorf("attached instance not registered: %v", h.tgs.members(tgA))
	}
	a := activityFor(t, h.activities("web"), "Attaching an existing EC2 instance: "+extra)
	if a.StatusCode != types.ScalingActivityStatusCodeSuccessful {
		t.Errorf("attach activity %s", a.StatusCode)
	}

	tests := []struct {
		name, id, msg string
	}{
		{"already in a group", extra, "The instance " + extra + " is already part of an Auto Scaling group."},
		{"unknown", "i-0000000000000dead", "Instance [i-0000000000000dead] is invalid."},
		{"other VPC", h.ec2.addInstance("subnet-x"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := h.client.AttachInstances(h.ctx, &asg.AttachInstancesInput{AutoScalingGroupName: aws.String("web"), InstanceIds: []string{tt.id}})
			wantCode(t, err, "ValidationError", tt.msg)
		})
	}
	// Above max.
	ids := []string{h.ec2.addInstance("subnet-a"), h.ec2.addInstance("subnet-c")}
	_, err := h.client.AttachInstances(h.ctx, &asg.AttachInstancesInput{AutoScalingGroupName: aws.String("web"), InstanceIds: ids})
	wantCode(t, err, "ValidationError", "New SetDesiredCapacity value 4 is above max value 3 for the AutoScalingGroup.")
	if got := instanceIDs(h.group("web"), ""); !reflect.DeepEqual(len(got), 2) {
		t.Errorf("a refused attach changed the group: %v", got)
	}
}
