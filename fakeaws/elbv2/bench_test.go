package elbv2_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
	"github.com/drydock-sandbox/drydock/fakeaws/elbv2"
)

// BenchmarkDescribeTargetHealth describes a group of 50 healthy instance
// targets. The request is served in process (w.post): the SDK client
// over loopback fails intermittently with "use of closed network
// connection" while reading large responses in a tight loop, whatever
// the server (it does so against a static handler too).
func BenchmarkDescribeTargetHealth(b *testing.B) {
	w := start(b, func(c *elbv2.Config) { c.ProvisioningDelay = 0 })
	tg := w.tcpGroup("api", 443)
	w.forward(*w.nlb("api").LoadBalancerArn, *tg.TargetGroupArn, 443)
	var targets []types.TargetDescription
	for i := range 50 {
		id := fmt.Sprintf("i-%017x", i+1)
		w.net.running(id)
		targets = append(targets, types.TargetDescription{Id: aws.String(id)})
	}
	call(w.elb.RegisterTargets(ctx, &elb.RegisterTargetsInput{TargetGroupArn: tg.TargetGroupArn, Targets: targets})).must(b)
	w.step(time.Minute)
	form := "Action=DescribeTargetHealth&Version=2015-12-01&TargetGroupArn=" + *tg.TargetGroupArn
	b.ReportAllocs()
	for b.Loop() {
		status, body := w.post(form)
		if status != 200 || strings.Count(body, "<State>healthy</State>") != 50 {
			b.Fatalf("status %d: %.300s", status, body)
		}
	}
}
