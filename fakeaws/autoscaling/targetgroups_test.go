package autoscaling_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

func TestTargetGroupRegistration(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 3, 2, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	h.reconcile()
	if got := h.tgs.members(tgA); len(got) != 0 {
		t.Fatalf("pending instances registered: %v", got)
	}
	g := h.settle("web")
	all := instanceIDs(g, "")
	if got := h.tgs.members(tgA); !reflect.DeepEqual(got, all) {
		t.Fatalf("registered %v, want %v", got, all)
	}
	if !reflect.DeepEqual(g.TargetGroupARNs, []string{tgA}) || len(g.TrafficSources) != 1 {
		t.Errorf("TargetGroupARNs %v TrafficSources %+v", g.TargetGroupARNs, g.TrafficSources)
	}

	// Attach b: every instance registers with it; detach a: they leave it.
	if _, err := h.client.AttachLoadBalancerTargetGroups(h.ctx, &asg.AttachLoadBalancerTargetGroupsInput{AutoScalingGroupName: aws.String("web"), TargetGroupARNs: []string{tgB}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.DetachLoadBalancerTargetGroups(h.ctx, &asg.DetachLoadBalancerTargetGroupsInput{AutoScalingGroupName: aws.String("web"), TargetGroupARNs: []string{tgA}}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	if got := h.tgs.members(tgB); !reflect.DeepEqual(got, all) {
		t.Errorf("b has %v, want %v", got, all)
	}
	if got := h.tgs.members(tgA); len(got) != 0 {
		t.Errorf("a still has %v", got)
	}

	// Scale in: the instance leaves b before it is terminated.
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	g = h.group("web")
	kept := instanceIDs(g, "")
	if len(kept) != 1 || !reflect.DeepEqual(h.tgs.members(tgB), kept) {
		t.Fatalf("after scale-in: group %v, b %v", summary(g), h.tgs.members(tgB))
	}
	gone := all[0]
	if gone == kept[0] {
		gone = all[1]
	}
	var deregistered bool
	for _, c := range h.tgs.log() {
		if c == "deregister "+tgB+" "+gone {
			deregistered = true
		}
	}
	if !deregistered || h.ec2.state(gone) != "terminated" {
		t.Errorf("%s: deregistered %v, EC2 %s; calls %s", gone, deregistered, h.ec2.state(gone), strings.Join(h.tgs.log(), "; "))
	}

	_, err := h.client.AttachLoadBalancerTargetGroups(h.ctx, &asg.AttachLoadBalancerTargetGroupsInput{AutoScalingGroupName: aws.String("web"),
		TargetGroupARNs: []string{"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/1"}})
	wantCode(t, err, "ValidationError", "Provided Target Groups may not be valid. Please ensure they exist and try again.")
}

func TestAddToLoadBalancerSuspended(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 3, 1, func(in *asg.CreateAutoScalingGroupInput) { in.TargetGroupARNs = []string{tgA} })
	if _, err := h.client.SuspendProcesses(h.ctx, &asg.SuspendProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"AddToLoadBalancer"}}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("web")
	if len(instanceIDs(g, types.LifecycleStateInService)) != 1 || len(h.tgs.members(tgA)) != 0 {
		t.Fatalf("with AddToLoadBalancer suspended: %v, registered %v", summary(g), h.tgs.members(tgA))
	}
	if _, err := h.client.ResumeProcesses(h.ctx, &asg.ResumeProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"AddToLoadBalancer"}}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	if got := h.tgs.members(tgA); !reflect.DeepEqual(got, instanceIDs(g, "")) {
		t.Errorf("after resuming: registered %v", got)
	}
}
