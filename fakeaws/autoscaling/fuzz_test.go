package autoscaling_test

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/ids"
)

// fuzzActions are the actions the fuzzer puts in front of its parameters.
var fuzzActions = []string{
	"CreateAutoScalingGroup", "UpdateAutoScalingGroup", "DeleteAutoScalingGroup", "DescribeAutoScalingGroups",
	"DescribeAutoScalingInstances", "SetDesiredCapacity", "TerminateInstanceInAutoScalingGroup", "AttachInstances",
	"DetachInstances", "SetInstanceHealth", "SetInstanceProtection", "AttachLoadBalancerTargetGroups",
	"DetachLoadBalancerTargetGroups", "CreateOrUpdateTags", "DeleteTags", "DescribeTags", "SuspendProcesses",
	"ResumeProcesses", "EnableMetricsCollection", "DisableMetricsCollection", "PutLifecycleHook",
	"DescribeLifecycleHooks", "DeleteLifecycleHook", "CompleteLifecycleAction", "RecordLifecycleActionHeartbeat",
	"DescribeLifecycleHookTypes", "DescribeScalingActivities", "StartInstanceRefresh", "DescribeInstanceRefreshes",
	"CancelInstanceRefresh", "DescribeAccountLimits",
}

// serve sends one raw query request to the service.
func (h *harness) serve(body string) (int, string) {
	hr := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r := &awsapi.Request{HTTP: hr, Body: hr.Body, Service: "autoscaling", Region: "us-east-1",
		Caller: awsapi.Caller{Account: account}, RequestID: "req-fuzz", Now: h.clk.Now()}
	w := httptest.NewRecorder()
	h.svc.Serve(w, r)
	return w.Code, w.Body.String()
}

// fresh empties the state and starts over with group web of two
// InService instances (i-…1 and i-…2), so that every input meets the
// same state.
func (h *harness) fresh(t *testing.T) {
	if err := h.db.Reset(); err != nil {
		t.Fatal(err)
	}
	h.clk.SetTime(epoch)
	h.env.IDs = ids.New(1)
	h.ec2 = newFakeEC2(h.clk)
	h.ec2.autoRun = true
	h.ec2.quota = 40
	h.svc = h.newService()
	if status, resp := h.serve("Action=CreateAutoScalingGroup&AutoScalingGroupName=web&MinSize=1&MaxSize=4&DesiredCapacity=2" +
		"&LaunchTemplate.LaunchTemplateName=web&VPCZoneIdentifier=subnet-a%2Csubnet-b&TargetGroupARNs.member.1=" + tgA); status != http.StatusOK {
		t.Fatalf("create: %s", resp)
	}
	for range 2 {
		if err := h.svc.Reconcile(h.ctx, h.clk.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

func wellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := d.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// FuzzAutoScalingQuery sends arbitrary parameters to the actions (an
// index past the table sends the raw body alone), runs a reconciler round
// after each, and checks that every answer is one well-formed XML document
// with status 200 or 400, and that no round fails.
func FuzzAutoScalingQuery(f *testing.F) {
	lt := "&LaunchTemplate.LaunchTemplateName=web&VPCZoneIdentifier=subnet-a%2Csubnet-b"
	seeds := []struct {
		action uint8
		params string
	}{
		{0, "AutoScalingGroupName=web&MinSize=1&MaxSize=3&DesiredCapacity=2" + lt},
		{0, "AutoScalingGroupName=web&MinSize=3&MaxSize=1" + lt},
		{0, "AutoScalingGroupName=w2&MinSize=0&MaxSize=2&MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId=lt-0123456789abcdef0&MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType=m5.large&AvailabilityZones.member.1=us-east-1a"},
		{0, "AutoScalingGroupName=web&MinSize=99999999999&MaxSize=-1&Tags.member.1.Key=&LifecycleHookSpecificationList.member.1.LifecycleHookName=h"},
		{1, "AutoScalingGroupName=web&DesiredCapacity=3&MinSize=0"},
		{2, "AutoScalingGroupName=web&ForceDelete=true"},
		{3, "MaxRecords=1&NextToken=%FF&Filters.member.1.Name=tag%3Ak&Filters.member.1.Values.member.1=v"},
		{4, "InstanceIds.member.1=i-00000000000000001&MaxRecords=0"},
		{5, "AutoScalingGroupName=web&DesiredCapacity=0"},
		{6, "InstanceId=i-00000000000000001&ShouldDecrementDesiredCapacity=true"},
		{8, "AutoScalingGroupName=web&InstanceIds.member.1=i-00000000000000002&ShouldDecrementDesiredCapacity=maybe"},
		{9, "InstanceId=i-00000000000000001&HealthStatus=Unhealthy&ShouldRespectGracePeriod=false"},
		{13, "Tags.member.1.ResourceId=web&Tags.member.1.Key=k&Tags.member.1.PropagateAtLaunch=true"},
		{16, "AutoScalingGroupName=web&ScalingProcesses.member.1=Launch"},
		{20, "AutoScalingGroupName=web&LifecycleHookName=h&LifecycleTransition=autoscaling:EC2_INSTANCE_LAUNCHING&HeartbeatTimeout=30"},
		{23, "AutoScalingGroupName=web&LifecycleHookName=h&InstanceId=i-00000000000000003&LifecycleActionResult=ABANDON"},
		{27, "AutoScalingGroupName=web&Preferences.MinHealthyPercentage=0&Preferences.MaxHealthyPercentage=200&Preferences.SkipMatching=true"},
		{29, "AutoScalingGroupName=web"},
		{255, "Action=Frobnicate"},
		{255, "%zz=&&&="},
		{255, ""},
	}
	for _, s := range seeds {
		f.Add(s.action, s.params)
	}
	h := newHarness(f)
	f.Fuzz(func(t *testing.T, action uint8, params string) {
		h.fresh(t)
		body := params
		if int(action) < len(fuzzActions) {
			body = "Action=" + fuzzActions[action] + "&" + params
		}
		status, resp := h.serve(body)
		if status != http.StatusOK && status != http.StatusBadRequest {
			t.Fatalf("status %d for %q: %s", status, body, resp)
		}
		if err := wellFormed(resp); err != nil {
			t.Fatalf("response to %q is not well-formed: %v\n%s", body, err, resp)
		}
		if status == http.StatusBadRequest && !strings.Contains(resp, "<ErrorResponse>") {
			t.Fatalf("400 without an ErrorResponse: %s", resp)
		}
		h.clk.Step(time.Minute)
		if err := h.svc.Reconcile(h.ctx, h.clk.Now()); err != nil {
			t.Fatalf("Reconcile after %q: %v", body, err)
		}
	})
}
