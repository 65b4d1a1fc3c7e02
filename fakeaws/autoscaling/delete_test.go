package autoscaling_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

func (h *harness) deleteGroup(force bool) error {
	_, err := h.client.DeleteAutoScalingGroup(h.ctx, &asg.DeleteAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"), ForceDelete: aws.Bool(force)})
	return err
}

func TestDeleteRefusedWhileInstancesRemain(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 2, 2)
	h.reconcile()
	wantCode(t, h.deleteGroup(false), "ScalingActivityInProgress", "You cannot delete an AutoScalingGroup while there are scaling activities in progress for that group.")
	h.settle("web")
	wantCode(t, h.deleteGroup(false), "ResourceInUse", "You cannot delete an AutoScalingGroup while there are instances or pending Spot instance request(s) still in the group.")
	if _, err := h.client.UpdateAutoScalingGroup(h.ctx, &asg.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"), MinSize: aws.Int32(0), DesiredCapacity: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	h.settle("web")
	if err := h.deleteGroup(false); err != nil {
		t.Fatal(err)
	}
	if h.exists("web") {
		t.Fatal("group still described after delete")
	}
	if acts := h.activities("web"); len(acts) != 0 {
		t.Errorf("activities of a deleted group: %d", len(acts))
	}
	wantCode(t, h.deleteGroup(false), "ValidationError", "AutoScalingGroup name not found - AutoScalingGroup 'web' not found")
	// The name is free again.
	h.create("web", 0, 1, 0)
}

func TestForceDelete(t *testing.T) {
	h := newHarness(t)
	h.create("web", 2, 3, 3, func(in *asg.CreateAutoScalingGroupInput) {
		in.TargetGroupARNs = []string{tgA}
		in.LifecycleHookSpecificationList = []types.LifecycleHookSpecification{{
			LifecycleHookName: aws.String("drain"), LifecycleTransition: aws.String("autoscaling:EC2_INSTANCE_TERMINATING"),
		}}
	})
	all := instanceIDs(h.settle("web"), "")
	if err := h.deleteGroup(true); err != nil {
		t.Fatal(err)
	}
	g := h.group("web")
	if aws.ToString(g.Status) != "Delete in progress" || aws.ToInt32(g.DesiredCapacity) != 0 || aws.ToInt32(g.MinSize) != 0 {
		t.Fatalf("Status %q desired %d", aws.ToString(g.Status), aws.ToInt32(g.DesiredCapacity))
	}
	_, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(0)})
	wantCode(t, err, "ScalingActivityInProgress", "")
	// Force delete skips the termination hook.
	h.reconcile()
	for _, id := range all {
		if st := h.ec2.state(id); st != autoscaling.EC2Terminated {
			t.Errorf("%s is %s", id, st)
		}
	}
	if got := h.tgs.members(tgA); len(got) != 0 {
		t.Errorf("still registered: %v", got)
	}
	if h.exists("web") {
		t.Fatalf("group still there: %v", summary(h.group("web")))
	}
	out, err := h.client.DescribeAutoScalingInstances(h.ctx, &asg.DescribeAutoScalingInstancesInput{})
	if err != nil || len(out.AutoScalingInstances) != 0 {
		t.Errorf("DescribeAutoScalingInstances after delete = %+v, %v", out.AutoScalingInstances, err)
	}
}

func TestForceDeleteWaitsForEC2(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 1, 1)
	h.settle("web")
	h.ec2.failDescribe = errors.New("EC2 is down")
	if err := h.deleteGroup(true); err != nil {
		t.Fatal(err)
	}
	if err := h.svc.Reconcile(h.ctx, h.clk.Now()); err == nil {
		t.Fatal("Reconcile hid EC2's failure")
	}
	if g := h.group("web"); aws.ToString(g.Status) != "Delete in progress" || len(g.Instances) != 1 {
		t.Fatalf("while EC2 is down: %q %v", aws.ToString(g.Status), summary(g))
	}
	h.ec2.failDescribe = nil
	h.reconcile()
	if h.exists("web") {
		t.Fatal("group not deleted once EC2 answers")
	}
}
