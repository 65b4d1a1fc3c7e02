package elbv2_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

func forwardTo(arn *string) []types.Action {
	return []types.Action{{Type: types.ActionTypeEnumForward, TargetGroupArn: arn}}
}

func TestCreateListener(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	tg := w.tcpGroup("api", 443)
	l := w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)
	if arn := aws.ToString(l.ListenerArn); !reListenerARN.MatchString(arn) {
		t.Errorf("ARN %q", arn)
	}
	if aws.ToInt32(l.Port) != 443 || l.Protocol != types.ProtocolEnumTcp || aws.ToString(l.LoadBalancerArn) != *lb.LoadBalancerArn {
		t.Errorf("listener %+v", l)
	}
	a := l.DefaultActions[0]
	if a.Type != types.ActionTypeEnumForward || aws.ToString(a.TargetGroupArn) != *tg.TargetGroupArn ||
		len(a.ForwardConfig.TargetGroups) != 1 || aws.ToInt32(a.ForwardConfig.TargetGroups[0].Weight) != 1 {
		t.Errorf("action %+v", a)
	}
	// The same listener again is the same listener.
	again := w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)
	if *again.ListenerArn != *l.ListenerArn {
		t.Errorf("second create made %s", *again.ListenerArn)
	}
	got := call(w.elb.DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})).must(t)
	if len(got.Listeners) != 1 || *got.Listeners[0].ListenerArn != *l.ListenerArn {
		t.Errorf("DescribeListeners %v", got.Listeners)
	}
	tgs := call(w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{TargetGroupArns: []string{*tg.TargetGroupArn}})).must(t)
	if fmt.Sprint(tgs.TargetGroups[0].LoadBalancerArns) != "["+*lb.LoadBalancerArn+"]" {
		t.Errorf("LoadBalancerArns %v", tgs.TargetGroups[0].LoadBalancerArns)
	}
}

func TestCreateListenerHTTPS(t *testing.T) {
	w := start(t)
	alb := call(w.elb.CreateLoadBalancer(ctx, &elb.CreateLoadBalancerInput{Name: aws.String("web"), Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-1"}})).must(t).LoadBalancers[0]
	tg := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("web"), Protocol: "HTTP", Port: aws.Int32(80), VpcId: aws.String("vpc-1")})).must(t).TargetGroups[0]
	l := call(w.elb.CreateListener(ctx, &elb.CreateListenerInput{
		LoadBalancerArn: alb.LoadBalancerArn, Protocol: "HTTPS", Port: aws.Int32(443), DefaultActions: forwardTo(tg.TargetGroupArn),
		Certificates: []types.Certificate{{CertificateArn: aws.String("arn:aws:acm:us-east-1:123456789012:certificate/x")}},
	})).must(t).Listeners[0]
	if aws.ToString(l.SslPolicy) != "ELBSecurityPolicy-TLS13-1-2-2021-06" || len(l.Certificates) != 1 {
		t.Errorf("SslPolicy %q Certificates %v", aws.ToString(l.SslPolicy), l.Certificates)
	}
	fixed := call(w.elb.CreateListener(ctx, &elb.CreateListenerInput{
		LoadBalancerArn: alb.LoadBalancerArn, Protocol: "HTTP", Port: aws.Int32(80),
		DefaultActions: []types.Action{{Type: types.ActionTypeEnumRedirect, RedirectConfig: &types.RedirectActionConfig{Protocol: aws.String("HTTPS"), Port: aws.String("443"), StatusCode: types.RedirectActionStatusCodeEnumHttp301}}},
	})).must(t).Listeners[0]
	rc := fixed.DefaultActions[0].RedirectConfig
	if rc == nil || aws.ToString(rc.Protocol) != "HTTPS" || aws.ToString(rc.Host) != "#{host}" || rc.StatusCode != types.RedirectActionStatusCodeEnumHttp301 {
		t.Errorf("redirect %+v", rc)
	}
}

func TestCreateListenerErrors(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	other := w.nlb("other")
	tg := w.tcpGroup("api", 443)
	used := w.tcpGroup("used", 443)
	w.forward(*other.LoadBalancerArn, *used.TargetGroupArn, 443)
	w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, 443)
	httpTG := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("web"), Protocol: "HTTP", Port: aws.Int32(80), VpcId: aws.String("vpc-1")})).must(t).TargetGroups[0]
	vpc2 := call(w.elb.CreateTargetGroup(ctx, &elb.CreateTargetGroupInput{Name: aws.String("vpc2"), Protocol: "TCP", Port: aws.Int32(80), VpcId: aws.String("vpc-2")})).must(t).TargetGroups[0]
	in := func(port int32, proto types.ProtocolEnum, tgARN *string) elb.CreateListenerInput {
		return elb.CreateListenerInput{LoadBalancerArn: lb.LoadBalancerArn, Port: aws.Int32(port), Protocol: proto, DefaultActions: forwardTo(tgARN)}
	}
	missingLB := in(80, "TCP", tg.TargetGroupArn)
	missingLB.LoadBalancerArn = aws.String(*lb.LoadBalancerArn + "0")
	tests := []struct {
		name      string
		in        elb.CreateListenerInput
		code, msg string
	}{
		{"duplicate port", in(443, "TCP", used.TargetGroupArn), "DuplicateListener", ""},
		{"group of another load balancer", in(8443, "TCP", used.TargetGroupArn), "TargetGroupAssociationLimit",
			"The following target groups cannot be associated with more than one load balancer: " + *used.TargetGroupArn},
		{"HTTP on a network load balancer", in(80, "HTTP", tg.TargetGroupArn), "ValidationError", "Listener protocol 'HTTP' must be one of 'TCP, TLS, UDP, TCP_UDP'"},
		{"TLS without certificate", in(8443, "TLS", tg.TargetGroupArn), "CertificateNotFound", ""},
		{"UDP to a TCP group", in(53, "UDP", tg.TargetGroupArn), "IncompatibleProtocols", ""},
		{"TCP to an HTTP group", in(80, "TCP", httpTG.TargetGroupArn), "IncompatibleProtocols", ""},
		{"group in another VPC", in(80, "TCP", vpc2.TargetGroupArn), "InvalidConfigurationRequest", ""},
		{"missing group", in(80, "TCP", aws.String(*tg.TargetGroupArn+"0")), "TargetGroupNotFound", ""},
		{"missing load balancer", missingLB, "LoadBalancerNotFound", ""},
		{"fixed response on a network load balancer", elb.CreateListenerInput{LoadBalancerArn: lb.LoadBalancerArn, Port: aws.Int32(81), Protocol: "TCP",
			DefaultActions: []types.Action{{Type: types.ActionTypeEnumFixedResponse, FixedResponseConfig: &types.FixedResponseActionConfig{StatusCode: aws.String("200")}}}},
			"InvalidLoadBalancerAction", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.elb.CreateListener(ctx, &tt.in)
			wantErr(t, err, tt.code, tt.msg)
		})
	}
}

func TestModifyAndDeleteListener(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	a, b := w.tcpGroup("a", 443), w.tcpGroup("b", 443)
	l := w.forward(*lb.LoadBalancerArn, *a.TargetGroupArn, 443)
	w.forward(*lb.LoadBalancerArn, *a.TargetGroupArn, 80)
	out := call(w.elb.ModifyListener(ctx, &elb.ModifyListenerInput{ListenerArn: l.ListenerArn, Port: aws.Int32(6443), DefaultActions: forwardTo(b.TargetGroupArn)})).must(t)
	if m := out.Listeners[0]; aws.ToInt32(m.Port) != 6443 || aws.ToString(m.DefaultActions[0].TargetGroupArn) != *b.TargetGroupArn {
		t.Errorf("modified listener %+v", m)
	}
	lbsOf := func(arn *string) int {
		return len(call(w.elb.DescribeTargetGroups(ctx, &elb.DescribeTargetGroupsInput{TargetGroupArns: []string{*arn}})).must(t).TargetGroups[0].LoadBalancerArns)
	}
	if lbsOf(a.TargetGroupArn) != 1 || lbsOf(b.TargetGroupArn) != 1 {
		t.Errorf("a used by %d, b by %d load balancers; want 1 and 1 (the port-80 listener still uses a)", lbsOf(a.TargetGroupArn), lbsOf(b.TargetGroupArn))
	}
	_, err := w.elb.ModifyListener(ctx, &elb.ModifyListenerInput{ListenerArn: l.ListenerArn, Port: aws.Int32(80)})
	wantErr(t, err, "DuplicateListener", "")
	call(w.elb.DeleteListener(ctx, &elb.DeleteListenerInput{ListenerArn: l.ListenerArn})).must(t)
	if lbsOf(b.TargetGroupArn) != 0 {
		t.Error("b still in use after its listener was deleted")
	}
	_, err = w.elb.DeleteListener(ctx, &elb.DeleteListenerInput{ListenerArn: l.ListenerArn})
	wantErr(t, err, "ListenerNotFound", "One or more listeners not found")
	_, err = w.elb.ModifyListener(ctx, &elb.ModifyListenerInput{ListenerArn: l.ListenerArn})
	wantErr(t, err, "ListenerNotFound", "")
	_, err = w.elb.DescribeListeners(ctx, &elb.DescribeListenersInput{})
	wantErr(t, err, "ValidationError", "")
	_, err = w.elb.DeleteListener(ctx, &elb.DeleteListenerInput{ListenerArn: lb.LoadBalancerArn})
	wantErr(t, err, "ValidationError", "'"+*lb.LoadBalancerArn+"' is not a valid listener ARN")
}

func TestDescribeListenersPages(t *testing.T) {
	w := start(t)
	lb := w.nlb("api")
	tg := w.tcpGroup("api", 443)
	for _, port := range []int32{3, 1, 2} {
		w.forward(*lb.LoadBalancerArn, *tg.TargetGroupArn, port)
	}
	var ports []int32
	p := elb.NewDescribeListenersPaginator(w.elb, &elb.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn, PageSize: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		for _, l := range call(p.NextPage(ctx)).must(t).Listeners {
			ports = append(ports, aws.ToInt32(l.Port))
		}
		pages++
	}
	if pages != 2 || fmt.Sprint(ports) != "[1 2 3]" {
		t.Errorf("%d pages, ports %v", pages, ports)
	}
}
