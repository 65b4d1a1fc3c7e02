package elbv2_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func tagsOf(tags []types.Tag) string {
	var out []string
	for _, t := range tags {
		out = append(out, aws.ToString(t.Key)+"="+aws.ToString(t.Value))
	}
	return fmt.Sprint(out)
}

func kv(k, v string) types.Tag { return types.Tag{Key: aws.String(k), Value: aws.String(v)} }

func TestTags(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	tg := w.tcpGroup("api", 443)
	l := w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)
	arns := []string{*lb.LoadBalancerArn, *tg.TargetGroupArn, *l.ListenerArn}
	call(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: arns, Tags: []types.Tag{kv("KubernetesCluster", "k8s.local"), kv("Name", "api")}})).must(t)
	call(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: arns[:1], Tags: []types.Tag{kv("Name", "api2")}})).must(t)
	call(w.elb.RemoveTags(ctx, &elb.RemoveTagsInput{ResourceArns: arns[1:2], TagKeys: []string{"Name", "absent"}})).must(t)
	out := call(w.elb.DescribeTags(ctx, &elb.DescribeTagsInput{ResourceArns: arns})).must(t)
	var got []string
	for _, d := range out.TagDescriptions {
		got = append(got, tagsOf(d.Tags))
		if aws.ToString(d.ResourceArn) != arns[len(got)-1] {
			t.Errorf("description %d is of %s", len(got)-1, aws.ToString(d.ResourceArn))
		}
	}
	want := []string{"[KubernetesCluster=k8s.local Name=api2]", "[KubernetesCluster=k8s.local]", "[KubernetesCluster=k8s.local Name=api]"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tags\n got %v\nwant %v", got, want)
	}

	var many []string
	for range 21 {
		many = append(many, arns[0])
	}
	var fifty []types.Tag
	for i := range 49 {
		fifty = append(fifty, kv(fmt.Sprint("k", i), "v"))
	}
	errs := []struct {
		name      string
		err       error
		code, msg string
	}{
		{"21 ARNs", errOf(w.elb.DescribeTags(ctx, &elb.DescribeTagsInput{ResourceArns: many})), "ValidationError", ""},
		{"missing load balancer", errOf(w.elb.DescribeTags(ctx, &elb.DescribeTagsInput{ResourceArns: []string{arns[0] + "0"}})), "LoadBalancerNotFound", ""},
		{"missing target group", errOf(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: []string{arns[1] + "0"}, Tags: []types.Tag{kv("a", "b")}})), "TargetGroupNotFound", ""},
		{"missing listener", errOf(w.elb.RemoveTags(ctx, &elb.RemoveTagsInput{ResourceArns: []string{arns[2] + "0"}, TagKeys: []string{"a"}})), "ListenerNotFound", ""},
		{"not an ARN", errOf(w.elb.DescribeTags(ctx, &elb.DescribeTagsInput{ResourceArns: []string{"x"}})), "ValidationError", ""},
		{"duplicate keys", errOf(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: arns[:1], Tags: []types.Tag{kv("a", "1"), kv("a", "2")}})), "DuplicateTagKeys", ""},
		{"reserved prefix", errOf(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: arns[:1], Tags: []types.Tag{kv("aws:x", "1")}})), "ValidationError", ""},
		{"over fifty", errOf(w.elb.AddTags(ctx, &elb.AddTagsInput{ResourceArns: arns[:1], Tags: fifty})), "TooManyTags", ""},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) { wantErr(t, tt.err, tt.code, tt.msg) })
	}
}

func errOf[T any](_ T, err error) error { return err }
