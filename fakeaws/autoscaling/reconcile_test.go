package autoscaling_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
	"github.com/drydock-sandbox/drydock/fakeaws/autoscaling"
)

func TestReachesDesiredBalancedAcrossZones(t *testing.T) {
	tests := []struct {
		desired int32
		want    map[string]int
	}{
		{6, map[string]int{"us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2}},
		{4, map[string]int{"us-east-1a": 2, "us-east-1b": 1, "us-east-1c": 1}},
		{2, map[string]int{"us-east-1a": 1, "us-east-1b": 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("desired %d", tt.desired), func(t *testing.T) {
			h := newHarness(t)
			h.create("web", 0, 10, tt.desired)
			h.reconcile()
			g := h.group("web")
			if got := byState(g); got[types.LifecycleStatePending] != int(tt.desired) || len(g.Instances) != int(tt.desired) {
				t.Fatalf("after one round: %v, want %d Pending", got, tt.desired)
			}
			h.ec2.runAll()
			h.reconcile()
			g = h.group("web")
			if got := byState(g); got[types.LifecycleStateInService] != int(tt.desired) {
				t.Fatalf("after running: %v, want %d InService", got, tt.desired)
			}
			if got := byZone(g); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("zones = %v, want %v", got, tt.want)
			}
			for _, in := range g.Instances {
				lt := in.LaunchTemplate
				if lt == nil || aws.ToString(lt.LaunchTemplateId) != templateID || aws.ToString(lt.LaunchTemplateName) != "web" || aws.ToString(lt.Version) != "1" {
					t.Errorf("instance %s launch template = %+v, want %s web version 1", aws.ToString(in.InstanceId), lt, templateID)
				}
				if aws.ToString(in.HealthStatus) != "Healthy" || aws.ToString(in.InstanceType) != "t3.micro" {
					t.Errorf("instance %s: health %s type %s", aws.ToString(in.InstanceId), aws.ToString(in.HealthStatus), aws.ToString(in.InstanceType))
				}
			}
			// A steady group launches nothing more.
			n := h.ec2.launchCount()
			h.clk.Step(time.Minute)
			h.reconcile()
			if h.ec2.launchCount() != n {
				t.Errorf("a steady group launched %d more", h.ec2.launchCount()-n)
			}
		})
	}
}

func TestLaunchSpecAndActivities(t *testing.T) {
	h := newHarness(t)
	h.create("web", 1, 3, 1, func(in *asg.CreateAutoScalingGroupInput) {
		in.Tags = []types.Tag{
			{Key: aws.String("Name"), Value: aws.String("node"), PropagateAtLaunch: aws.Bool(true)},
			{Key: aws.String("team"), Value: aws.String("infra"), PropagateAtLaunch: aws.Bool(false)},
		}
		in.MixedInstancesPolicy = &types.MixedInstancesPolicy{
			LaunchTemplate: &types.LaunchTemplate{
				LaunchTemplateSpecification: &types.LaunchTemplateSpecification{LaunchTemplateId: aws.String(templateID), Version: aws.String("$Default")},
				Overrides:                   []types.LaunchTemplateOverrides{{InstanceType: aws.String("m5.large")}},
			},
		}
		in.LaunchTemplate = nil
	})
	h.settle("web")
	spec := h.ec2.lastLaunch()
	wantTags := []autoscaling.Tag{{Key: "Name", Value: "node"}, {Key: "aws:autoscaling:groupName", Value: "web"}}
	if !reflect.DeepEqual(spec.Tags, wantTags) {
		t.Errorf("launch tags = %v, want %v", spec.Tags, wantTags)
	}
	if spec.InstanceType != "m5.large" || spec.LaunchTemplate.Version != "1" || spec.LaunchTemplate.ID != templateID || spec.ClientToken == "" {
		t.Errorf("launch spec = %+v", spec)
	}

	h.clk.Step(time.Minute)
	if _, err := h.client.UpdateAutoScalingGroup(h.ctx, &asg.UpdateAutoScalingGroupInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	h.clk.Step(5 * time.Second)
	g := h.settle("web")
	acts := h.activities("web")
	if len(acts) != 2 {
		t.Fatalf("%d activities, want 2", len(acts))
	}
	newest := acts[0]
	id := instanceIDs(g, "")[1]
	if got := aws.ToString(newest.Description); got != "Launching a new EC2 instance: "+id {
		t.Errorf("Description = %q", got)
	}
	wantCause := "At 2026-11-23T10:01:00Z a user request update of AutoScalingGroup constraints to min: 1, max: 3, desired: 2 changing the desired capacity from 1 to 2.  " +
		"At 2026-11-23T10:01:05Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 1 to 2."
	if got := aws.ToString(newest.Cause); got != wantCause {
		t.Errorf("Cause = %q\nwant    %q", got, wantCause)
	}
	if newest.StatusCode != types.ScalingActivityStatusCodeSuccessful || aws.ToInt32(newest.Progress) != 100 || newest.EndTime == nil {
		t.Errorf("status %s progress %d end %v", newest.StatusCode, aws.ToInt32(newest.Progress), newest.EndTime)
	}
	if !newest.StartTime.Equal(epoch.Add(65*time.Second)) || !strings.Contains(aws.ToString(newest.Details), `"Subnet ID":"subnet-b"`) {
		t.Errorf("start %v details %s", newest.StartTime, aws.ToString(newest.Details))
	}
	first := acts[1]
	if want := "At 2026-11-23T10:00:00Z a user request created an AutoScalingGroup changing the desired capacity from 0 to 1.  At 2026-11-23T10:00:00Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 0 to 1."; aws.ToString(first.Cause) != want {
		t.Errorf("first Cause = %q", aws.ToString(first.Cause))
	}
}

func TestScaleInByDefaultTerminationPolicy(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 10, 6)
	h.settle("web")
	// Two more instances from version 2: the zones tie at 2, so they go
	// to a and b.
	h.ec2.newVersion()
	h.clk.Step(time.Hour)
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(8)}); err != nil {
		t.Fatal(err)
	}
	g := h.settle("web")
	if got := byZone(g); !reflect.DeepEqual(got, map[string]int{"us-east-1a": 3, "us-east-1b": 3, "us-east-1c": 2}) {
		t.Fatalf("zones = %v", got)
	}
	all := instanceIDs(g, "")
	// Instances 1..6 are version 1 in zones a, b, c, a, b, c; 7 and 8 are
	// version 2 in a and b. Scaling in to 5 takes one from the zone with
	// the most instances each time (ties to the last zone by name: b, then
	// a, then c), and there the oldest template version, then the oldest
	// instance, then the lowest ID: instances 2, 1 and 3.
	h.clk.Step(time.Minute)
	if _, err := h.client.SetDesiredCapacity(h.ctx, &asg.SetDesiredCapacityInput{AutoScalingGroupName: aws.String("web"), DesiredCapacity: aws.Int32(5)}); err != nil {
		t.Fatal(err)
	}
	h.reconcile()
	g = h.group("web")
	if got, want := instanceIDs(g, ""), all[3:]; !reflect.DeepEqual(got, want) {
		t.Fatalf("kept %v, want %v", got, want)
	}
	for _, id := range all[:3] {
		if st := h.ec2.state(id); st != autoscaling.EC2Terminated {
			t.Errorf("%s is %s in EC2", id, st)
		}
	}
	if got := byZone(g); !reflect.DeepEqual(got, map[string]int{"us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 1}) {
		t.Errorf("zones after scale-in = %v", got)
	}
	acts := h.activities("web")
	wantCause := "At 2026-11-23T11:01:00Z a user request explicitly set group desired capacity changing the desired capacity from 8 to 5.  " +
		"At 2026-11-23T11:01:00Z an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from 8 to 5.  " +
		"At 2026-11-23T11:01:00Z instance " + all[1] + " was selected for termination."
	var found bool
	for _, a := range acts {
		if aws.ToString(a.Description) == "Terminating EC2 instance: "+all[1] {
			found = true
			if aws.ToString(a.Cause) != wantCause || a.StatusCode != types.ScalingActivityStatusCodeSuccessful {
				t.Errorf("termination activity %s: %q", a.StatusCode, aws.ToString(a.Cause))
			}
		}
	}
	if !found {
		t.Errorf("no termination activity for %s", all[1])
	}
}
