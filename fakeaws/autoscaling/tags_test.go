package autoscaling_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	asg "github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling/types"
)

func groupTag(group, key, value string, propagate bool) types.Tag {
	return types.Tag{ResourceId: aws.String(group), ResourceType: aws.String("auto-scaling-group"), Key: aws.String(key), Value: aws.String(value), PropagateAtLaunch: aws.Bool(propagate)}
}

func TestTags(t *testing.T) {
	h := newHarness(t)
	h.create("a", 0, 1, 0)
	h.create("b", 0, 1, 0)
	if _, err := h.client.CreateOrUpdateTags(h.ctx, &asg.CreateOrUpdateTagsInput{Tags: []types.Tag{
		groupTag("a", "env", "prod", true), groupTag("a", "team", "x", false), groupTag("b", "env", "dev", false),
	}}); err != nil {
		t.Fatal(err)
	}
	// Update one, delete one.
	if _, err := h.client.CreateOrUpdateTags(h.ctx, &asg.CreateOrUpdateTagsInput{Tags: []types.Tag{groupTag("a", "team", "y", true)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.DeleteTags(h.ctx, &asg.DeleteTagsInput{Tags: []types.Tag{{ResourceId: aws.String("b"), ResourceType: aws.String("auto-scaling-group"), Key: aws.String("env")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.client.CreateOrUpdateTags(h.ctx, &asg.CreateOrUpdateTagsInput{Tags: []types.Tag{groupTag("b", "k", "v", false)}}); err != nil {
		t.Fatal(err)
	}
	describe := func(max int32, fs ...types.Filter) []string {
		t.Helper()
		var out []string
		p := asg.NewDescribeTagsPaginator(h.client, &asg.DescribeTagsInput{Filters: fs, MaxRecords: aws.Int32(max)})
		for p.HasMorePages() {
			page, err := p.NextPage(h.ctx)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, tagStrings(page.Tags)...)
		}
		return out
	}
	all := []string{"a auto-scaling-group env=prod true", "a auto-scaling-group team=y true", "b auto-scaling-group k=v false"}
	if got := describe(1); !reflect.DeepEqual(got, all) {
		t.Errorf("all tags, one per page = %v", got)
	}
	filter := func(n string, v ...string) types.Filter { return types.Filter{Name: aws.String(n), Values: v} }
	tests := []struct {
		name string
		fs   []types.Filter
		want []string
	}{
		{"group", []types.Filter{filter("auto-scaling-group", "b")}, all[2:]},
		{"key", []types.Filter{filter("key", "env", "k")}, []string{all[0], all[2]}},
		{"value", []types.Filter{filter("value", "y")}, all[1:2]},
		{"propagate", []types.Filter{filter("propagate-at-launch", "true")}, all[:2]},
		{"and", []types.Filter{filter("auto-scaling-group", "a"), filter("key", "team")}, all[1:2]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(50, tt.fs...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	_, err := h.client.DescribeTags(h.ctx, &asg.DescribeTagsInput{Filters: []types.Filter{filter("resource-id", "a")}})
	wantCode(t, err, "ValidationError", "")
	_, err = h.client.CreateOrUpdateTags(h.ctx, &asg.CreateOrUpdateTagsInput{Tags: []types.Tag{groupTag("nope", "k", "v", false)}})
	wantCode(t, err, "ValidationError", "AutoScalingGroup name not found - AutoScalingGroup 'nope' not found")
	many := make([]types.Tag, 51)
	for i := range many {
		many[i] = groupTag("a", sprintf("k%02d", i), "v", false)
	}
	_, err = h.client.CreateOrUpdateTags(h.ctx, &asg.CreateOrUpdateTagsInput{Tags: many})
	wantCode(t, err, "LimitExceeded", "")
	if got := describe(50, filter("auto-scaling-group", "a")); len(got) != 2 {
		t.Errorf("a refused update changed tags: %v", got)
	}
}

func TestActivitiesPagingAndIDs(t *testing.T) {
	h := newHarness(t)
	h.create("web", 0, 5, 3)
	h.settle("web")
	h.clk.Step(time.Minute)
	h.create("api", 0, 5, 1)
	h.settle("api")
	acts := h.activities("web")
	if len(acts) != 3 {
		t.Fatalf("%d activities", len(acts))
	}
	var pages, n int
	p := asg.NewDescribeScalingActivitiesPaginator(h.client, &asg.DescribeScalingActivitiesInput{MaxRecords: aws.Int32(2)})
	var first types.Activity
	for p.HasMorePages() {
		page, err := p.NextPage(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if pages == 0 {
			first = page.Activities[0]
		}
		pages++
		n += len(page.Activities)
	}
	if pages != 2 || n != 4 || aws.ToString(first.AutoScalingGroupName) != "api" {
		t.Errorf("%d pages, %d activities, newest of group %s", pages, n, aws.ToString(first.AutoScalingGroupName))
	}
	out, err := h.client.DescribeScalingActivities(h.ctx, &asg.DescribeScalingActivitiesInput{ActivityIds: []string{aws.ToString(acts[1].ActivityId)}})
	if err != nil || len(out.Activities) != 1 || aws.ToString(out.Activities[0].Description) != aws.ToString(acts[1].Description) {
		t.Errorf("by ID: %+v, %v", out.Activities, err)
	}

	var ids []string
	ip := asg.NewDescribeAutoScalingInstancesPaginator(h.client, &asg.DescribeAutoScalingInstancesInput{MaxRecords: aws.Int32(3)})
	for ip.HasMorePages() {
		page, err := ip.NextPage(h.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range page.AutoScalingInstances {
			ids = append(ids, aws.ToString(in.InstanceId)+" "+aws.ToString(in.AutoScalingGroupName)+" "+aws.ToString(in.LifecycleState))
		}
	}
	if len(ids) != 4 || ids[3] != "i-00000000000000004 api InService" {
		t.Errorf("DescribeAutoScalingInstances = %v", ids)
	}
}
