package autoscaling_test

import (
	"reflect"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
)

func TestProcessesAndMetricsAPI(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 1, 0)
	if _, err := h.client.SuspendProcesses(h.ctx, &asg.SuspendProcessesInput{AutoScalingGroupName: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	if n := len(h.group("web").SuspendedProcesses); n != 9 {
		t.Errorf("suspending all: %d processes", n)
	}
	if _, err := h.client.ResumeProcesses(h.ctx, &asg.ResumeProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"Launch", "Terminate"}}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range h.group("web").SuspendedProcesses {
		names = append(names, aws.ToString(p.ProcessName))
	}
	want := []string{"AZRebalance", "AddToLoadBalancer", "AlarmNotification", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("suspended = %v, want %v", names, want)
	}
	_, err := h.client.SuspendProcesses(h.ctx, &asg.SuspendProcessesInput{AutoScalingGroupName: aws.String("web"), ScalingProcesses: []string{"Sleep"}})
	wantCode(t, err, "ValidationError", "")
	_, err = h.client.SuspendProcesses(h.ctx, &asg.SuspendProcessesInput{AutoScalingGroupName: aws.String("nope")})
	wantCode(t, err, "ValidationError", "AutoScalingGroup name not found - AutoScalingGroup 'nope' not found")

	if _, err := h.client.EnableMetricsCollection(h.ctx, &asg.EnableMetricsCollectionInput{AutoScalingGroupName: aws.String("web"), Granularity: aws.String("1Minute"),
		Metrics: []string{"GroupDesiredCapacity", "GroupInServiceInstances"}}); err != nil {
		t.Fatal(err)
	}
	g := h.group("web")
	if len(g.EnabledMetrics) != 2 || aws.ToString(g.EnabledMetrics[1].Metric) != "GroupInServiceInstances" || aws.ToString(g.EnabledMetrics[1].Granularity) != "1Minute" {
		t.Errorf("EnabledMetrics = %+v", g.EnabledMetrics)
	}
	_, err = h.client.EnableMetricsCollection(h.ctx, &asg.EnableMetricsCollectionInput{AutoScalingGroupName: aws.String("web"), Granularity: aws.String("5Minute")})
	wantCode(t, err, "ValidationError", "")
	if _, err := h.client.DisableMetricsCollection(h.ctx, &asg.DisableMetricsCollectionInput{AutoScalingGroupName: aws.String("web")}); err != nil {
		t.Fatal(err)
	}
	if g := h.group("web"); len(g.EnabledMetrics) != 0 {
		t.Errorf("after disabling: %+v", g.EnabledMetrics)
	}
	pt, err := h.client.DescribeScalingProcessTypes(h.ctx, &asg.DescribeScalingProcessTypesInput{})
	if err != nil || len(pt.Processes) != 9 {
		t.Errorf("DescribeScalingProcessTypes = %v, %v", pt, err)
	}
	tp, err := h.client.DescribeTerminationPolicyTypes(h.ctx, &asg.DescribeTerminationPolicyTypesInput{})
	if err != nil || len(tp.TerminationPolicyTypes) != 7 {
		t.Errorf("DescribeTerminationPolicyTypes = %v, %v", tp, err)
	}
	mt, err := h.client.DescribeMetricCollectionTypes(h.ctx, &asg.DescribeMetricCollectionTypesInput{})
	if err != nil || len(mt.Metrics) != 13 || aws.ToString(mt.Granularities[0].Granularity) != "1Minute" {
		t.Errorf("DescribeMetricCollectionTypes = %v, %v", mt, err)
	}
}

func TestSetInstanceProtection(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 3, 3)
	all := instanceIDs(h.settle("web"), "")
	if _, err := h.client.SetInstanceProtection(h.ctx, &asg.SetInstanceProtectionInput{AutoScalingGroupName: aws.String("web"),
		InstanceIds: all[:2], ProtectedFromScaleIn: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(0)}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("web")
	if got := instanceIDs(g, ""); !reflect.DeepEqual(got, all[:2]) {
		t.Errorf("scale-in to 0 kept %v, want the protected %v", got, all[:2])
	}
}
