package elbv2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func lbAttrs(attrs []types.LoadBalancerAttribute) map[string]string {
	out := map[string]string{}
	for _, a := range attrs {
		out[aws.ToString(a.Key)] = aws.ToString(a.Value)
	}
	return out
}

func TestLoadBalancerAttributeDefaults(t *testing.T) {
	w := start(t)
	nlb := w.nlb("net")
	alb := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("app"), Subnets: []string{"subnet-a", "subnet-b"}})).must(t).LoadBalancers[0]
	tests := []struct {
		name string
		arn  *string
		want map[string]string
	}{
		{"network", nlb.LoadBalancerArn, map[string]string{
			"deletion_protection.enabled": "false", "load_balancing.cross_zone.enabled": "false",
			"access_logs.s3.enabled": "false", "access_logs.s3.bucket": "", "dns_record.client_routing_policy": "any_availability_zone",
		}},
		{"application", alb.LoadBalancerArn, map[string]string{
			"deletion_protection.enabled": "false", "load_balancing.cross_zone.enabled": "true",
			"idle_timeout.timeout_seconds": "60", "routing.http2.enabled": "true", "routing.http.desync_mitigation_mode": "defensive",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lbAttrs(call(w.elb.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: tt.arn})).must(t).Attributes)
			for k, v := range tt.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("%s = %q (present %v), want %q", k, g, ok, v)
				}
			}
		})
	}
	if _, ok := lbAttrs(call(w.elb.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: nlb.LoadBalancerArn})).must(t).Attributes)["idle_timeout.timeout_seconds"]; ok {
		t.Error("a network load balancer has idle_timeout.timeout_seconds")
	}
}

func TestModifyLoadBalancerAttributes(t *testing.T) {
	w := start(t)
	arn := w.nlb("net").LoadBalancerArn
	out := call(w.elb.ModifyLoadBalancerAttributes(ctx, &elb.ModifyLoadBalancerAttributesInput{
		LoadBalancerArn: arn,
		Attributes:      []types.LoadBalancerAttribute{{Key: aws.String("load_balancing.cross_zone.enabled"), Value: aws.String("true")}},
	})).must(t)
	if got := lbAttrs(out.Attributes)["load_balancing.cross_zone.enabled"]; got != "true" {
		t.Errorf("modify answered cross_zone %q", got)
	}
	got := lbAttrs(call(w.elb.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: arn})).must(t).Attributes)
	if got["load_balancing.cross_zone.enabled"] != "true" || got["deletion_protection.enabled"] != "false" {
		t.Errorf("attributes after modify: %v", got)
	}
	errs := []struct {
		name, key, value, code, msg string
	}{
		{"unknown key", "idle_timeout.timeout_seconds", "10", "ValidationError", "Load balancer attribute key 'idle_timeout.timeout_seconds' is not recognized"},
		{"bad boolean", "deletion_protection.enabled", "yes", "ValidationError", "Load balancer attribute value 'yes' is not valid for key 'deletion_protection.enabled'"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.ModifyLoadBalancerAttributes(ctx, &elb.ModifyLoadBalancerAttributesInput{
				LoadBalancerArn: arn, Attributes: []types.LoadBalancerAttribute{{Key: aws.String(tt.key), Value: aws.String(tt.value)}},
			})
			wantErr(t, err, tt.code, tt.msg)
		})
	}
	_, err := w.elb.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: aws.String(*arn + "0")})
	wantErr(t, err, "LoadBalancerNotFound", "One or more load balancers not found")
}

func TestTargetGroupAttributes(t *testing.T) {
	w := start(t)
	tcp := w.tcpGroup("tcp", 443)
	http := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{
		Name: aws.String("web"), Protocol: types.ProtocolEnumHttp, Port: aws.Int32(80), VpcId: aws.String("vpc-1"),
	})).must(t).TargetGroups[0]
	attrs := func(arn *string) map[string]string {
		out := call(w.elb.DescribeTargetGroupAttributes(ctx, &elb.DescribeTargetGroupAttributesInput{TargetGroupArn: arn})).must(t)
		m := map[string]string{}
		for _, a := range out.Attributes {
			m[aws.ToString(a.Key)] = aws.ToString(a.Value)
		}
		return m
	}
	for k, v := range map[string]string{
		"deregistration_delay.timeout_seconds": "300", "proxy_protocol_v2.enabled": "false", "preserve_client_ip.enabled": "true",
		"stickiness.enabled": "false", "stickiness.type": "source_ip", "deregistration_delay.connection_termination.enabled": "false",
	} {
		if got := attrs(tcp.TargetGroupArn)[k]; got != v {
			t.Errorf("TCP group %s = %q, want %q", k, got, v)
		}
	}
	for k, v := range map[string]string{
		"deregistration_delay.timeout_seconds": "300", "stickiness.type": "lb_cookie", "stickiness.lb_cookie.duration_seconds": "86400",
		"load_balancing.algorithm.type": "round_robin", "slow_start.duration_seconds": "0",
	} {
		if got := attrs(http.TargetGroupArn)[k]; got != v {
			t.Errorf("HTTP group %s = %q, want %q", k, got, v)
		}
	}
	call(w.elb.ModifyTargetGroupAttributes(ctx, &elb.ModifyTargetGroupAttributesInput{
		TargetGroupArn: tcp.TargetGroupArn,
		Attributes: []types.TargetGroupAttribute{
			{Key: aws.String("deregistration_delay.timeout_seconds"), Value: aws.String("30")},
			{Key: aws.String("proxy_protocol_v2.enabled"), Value: aws.String("true")},
		},
	})).must(t)
	if got := attrs(tcp.TargetGroupArn); got["deregistration_delay.timeout_seconds"] != "30" || got["proxy_protocol_v2.enabled"] != "true" {
		t.Errorf("after modify: %v", got)
	}
	for _, tt := range []struct{ key, value string }{
		{"deregistration_delay.timeout_seconds", "3601"},
		{"slow_start.duration_seconds", "30"}, // an HTTP attribute on a TCP group
	} {
		_, err := w.elb.ModifyTargetGroupAttributes(ctx, &elb.ModifyTargetGroupAttributesInput{
			TargetGroupArn: tcp.TargetGroupArn, Attributes: []types.TargetGroupAttribute{{Key: aws.String(tt.key), Value: aws.String(tt.value)}},
		})
		wantErr(t, err, "ValidationError", "")
	}
	_, err := w.elb.DescribeTargetGroupAttributes(ctx, &elb.DescribeTargetGroupAttributesInput{TargetGroupArn: aws.String(*tcp.TargetGroupArn + "0")})
	wantErr(t, err, "TargetGroupNotFound", "One or more target groups not found")
}
