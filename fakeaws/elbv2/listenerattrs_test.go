package elbv2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func listenerAttrs(attrs []types.ListenerAttribute) map[string]string {
	out := map[string]string{}
	for _, a := range attrs {
		out[aws.ToString(a.Key)] = aws.ToString(a.Value)
	}
	return out
}

// A TCP listener of a network load balancer has a TCP idle timeout of
// 350 seconds, which ModifyListenerAttributes changes within 60-6000
// (Terraform's aws_lb_listener reads it after every create).
func TestListenerAttributes(t *testing.T) {
	w := start(t)
	lb := w.nlb("net")
	tg := w.tcpGroup("tcp", 443)
	l := w.forward(aws.ToString(lb.LoadBalancerArn), aws.ToString(tg.TargetGroupArn), 443)

	got := listenerAttrs(call(w.elb.DescribeListenerAttributes(ctx, &elb.DescribeListenerAttributesInput{ListenerArn: l.ListenerArn})).must(t).Attributes)
	if len(got) != 1 || got["tcp.idle_timeout.seconds"] != "350" {
		t.Errorf("attributes of a new TCP listener = %v, want tcp.idle_timeout.seconds=350", got)
	}
	set := func(v string) (*elb.ModifyListenerAttributesOutput, error) {
		return w.elb.ModifyListenerAttributes(ctx, &elb.ModifyListenerAttributesInput{ListenerArn: l.ListenerArn,
			Attributes: []types.ListenerAttribute{{Key: aws.String("tcp.idle_timeout.seconds"), Value: aws.String(v)}}})
	}
	if out := call(set("600")).must(t); listenerAttrs(out.Attributes)["tcp.idle_timeout.seconds"] != "600" {
		t.Errorf("modify answered %v", listenerAttrs(out.Attributes))
	}
	got = listenerAttrs(call(w.elb.DescribeListenerAttributes(ctx, &elb.DescribeListenerAttributesInput{ListenerArn: l.ListenerArn})).must(t).Attributes)
	if got["tcp.idle_timeout.seconds"] != "600" {
		t.Errorf("after modify: %v", got)
	}
	_, err := set("59")
	wantErr(t, err, "ValidationError", "Listener attribute value '59' is not valid for key 'tcp.idle_timeout.seconds'")
	_, err = w.elb.ModifyListenerAttributes(ctx, &elb.ModifyListenerAttributesInput{ListenerArn: l.ListenerArn,
		Attributes: []types.ListenerAttribute{{Key: aws.String("routing.http.response.server.enabled"), Value: aws.String("false")}}})
	wantErr(t, err, "ValidationError", "Listener attribute key 'routing.http.response.server.enabled' is not recognized")

	_, err = w.elb.DescribeListenerAttributes(ctx, &elb.DescribeListenerAttributesInput{ListenerArn: aws.String(aws.ToString(l.ListenerArn) + "0")})
	wantErr(t, err, "ListenerNotFound", "")
}
