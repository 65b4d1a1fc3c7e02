package aws

import (
	"context"
	"maps"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

func TestTargetGroupApply(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	tg := n.tg()
	wantCreates(t, mustStep(t, c, true, tg), "TargetGroup/tcp.k8s.example.com")

	out, err := c.ELBv2.DescribeTargetGroups(context.Background(), &elbv2.DescribeTargetGroupsInput{Names: []string{"tcp-k8s-example-com"}})
	if err != nil {
		t.Fatal(err)
	}
	got := out.TargetGroups[0]
	if aws.ToString(got.TargetGroupArn) != tg.arn {
		t.Errorf("recorded ARN %q, want %q", tg.arn, aws.ToString(got.TargetGroupArn))
	}
	if aws.ToInt32(got.Port) != 443 || got.Protocol != "TCP" || aws.ToString(got.VpcId) != n.vpc.id || got.TargetType != elbv2types.TargetTypeEnumInstance {
		t.Errorf("port %d protocol %s VPC %s target type %s; want 443 TCP %s instance", aws.ToInt32(got.Port), got.Protocol, aws.ToString(got.VpcId), got.TargetType, n.vpc.id)
	}
	if got.HealthCheckProtocol != "TCP" || aws.ToInt32(got.HealthCheckIntervalSeconds) != 10 ||
		aws.ToInt32(got.HealthyThresholdCount) != 2 || aws.ToInt32(got.UnhealthyThresholdCount) != 2 {
		t.Errorf("health check %s every %ds, healthy %d, unhealthy %d; want TCP every 10s, 2, 2", got.HealthCheckProtocol,
			aws.ToInt32(got.HealthCheckIntervalSeconds), aws.ToInt32(got.HealthyThresholdCount), aws.ToInt32(got.UnhealthyThresholdCount))
	}
	if tags := elbTagsT(t, c, tg.arn); !maps.Equal(tags, tg.Tags) {
		t.Errorf("tags %v, want %v", tags, tg.Tags)
	}
	wantEmpty(t, mustStep(t, c, false, n.tg()))
}

func TestTargetGroupChanges(t *testing.T) {
	hc := "{HealthyThreshold: 2, IntervalSeconds: 10, Protocol: TCP, UnhealthyThreshold: 2}"
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, c *Clients, tg *targetGroupTask)
		want   providers.Field
	}{{
		name: "HealthCheck",
		change: func(t *testing.T, c *Clients, tg *targetGroupTask) {
			_, err := c.ELBv2.ModifyTargetGroup(context.Background(), &elbv2.ModifyTargetGroupInput{
				TargetGroupArn: aws.String(tg.arn), HealthCheckIntervalSeconds: aws.Int32(30), HealthyThresholdCount: aws.Int32(5),
			})
			if err != nil {
				t.Fatal(err)
			}
		},
		want: providers.Field{Name: "HealthCheck", Old: "{HealthyThreshold: 5, IntervalSeconds: 30, Protocol: TCP, UnhealthyThreshold: 2}", New: hc},
	}, {
		name:   "Tags",
		change: func(_ *testing.T, _ *Clients, tg *targetGroupTask) { tg.Tags["team"] = "platform" },
		want: providers.Field{Name: "Tags",
			Old: "{KubernetesCluster: k8s.example.com, Name: tcp.k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned}",
			New: "{KubernetesCluster: k8s.example.com, Name: tcp.k8s.example.com, kubernetes.io/cluster/k8s.example.com: owned, team: platform}"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			_, c := startFake(t)
			n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
			mustStep(t, c, true, n.tg())
			tg := n.tg()
			if _, err := tg.find(context.Background(), c); err != nil {
				t.Fatal(err)
			}
			tc.change(t, c, tg)
			wantModify(t, mustStep(t, c, false, tg), "TargetGroup", tg.Name, tc.want)
			wantModify(t, mustStep(t, c, true, tg), "TargetGroup", tg.Name, tc.want)
			wantEmpty(t, mustStep(t, c, false, tg))
		})
	}
}

func TestTargetGroupImmutableFields(t *testing.T) {
	for _, tc := range []struct {
		field  string
		change func(t *testing.T, c *Clients, tg *targetGroupTask)
	}{
		{"Port", func(_ *testing.T, _ *Clients, tg *targetGroupTask) { tg.Port = 8443 }},
		{"Protocol", func(_ *testing.T, _ *Clients, tg *targetGroupTask) { tg.Protocol = "TCP_UDP" }},
		{"VPC", func(t *testing.T, c *Clients, tg *targetGroupTask) {
			tg.VPC = makeNetwork(t, c, "other.example.com", "10.1.0.0/16").vpc
		}},
	} {
		t.Run(tc.field, func(t *testing.T) {
			_, c := startFake(t)
			n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
			mustStep(t, c, true, n.tg())
			tg := n.tg()
			tc.change(t, c, tg)
			_, err := stepTasks(c, false, tg)
			wantErrorNaming(t, err, "TargetGroup/tcp.k8s.example.com", "cannot change "+tc.field+" ")
		})
	}
}

func TestTargetGroupOfSomeoneElse(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	_, err := c.ELBv2.CreateTargetGroup(context.Background(), &elbv2.CreateTargetGroupInput{
		Name: aws.String(TargetGroupName("tcp", testCluster)), Port: aws.Int32(443), Protocol: "TCP", VpcId: aws.String(n.vpc.id),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = stepTasks(c, true, n.tg())
	wantErrorNaming(t, err, "target group tcp-k8s-example-com", "not tagged KubernetesCluster=k8s.example.com")
}

func TestListenerApply(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	lb, tg := n.lb(), n.tg()
	l := listener(lb, tg)
	wantCreates(t, mustStep(t, c, true, lb, tg, l),
		"Listener/api.k8s.example.com-443", "NetworkLoadBalancer/api.k8s.example.com", "TargetGroup/tcp.k8s.example.com")

	out, err := c.ELBv2.DescribeListeners(context.Background(), &elbv2.DescribeListenersInput{LoadBalancerArn: aws.String(lb.arn)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Listeners) != 1 {
		t.Fatalf("%d listeners, want 1", len(out.Listeners))
	}
	got := out.Listeners[0]
	if aws.ToString(got.ListenerArn) != l.arn || aws.ToInt32(got.Port) != 443 || got.Protocol != "TCP" {
		t.Errorf("listener %s port %d protocol %s; want %s 443 TCP", aws.ToString(got.ListenerArn), aws.ToInt32(got.Port), got.Protocol, l.arn)
	}
	if len(got.DefaultActions) != 1 || got.DefaultActions[0].Type != "forward" || aws.ToString(got.DefaultActions[0].TargetGroupArn) != tg.arn {
		t.Errorf("default actions %+v, want a forward to %s", got.DefaultActions, tg.arn)
	}

	lb, tg = n.lb(), n.tg()
	wantEmpty(t, mustStep(t, c, false, lb, tg, listener(lb, tg)))
}

func TestListenerChanges(t *testing.T) {
	t.Run("Protocol", func(t *testing.T) {
		_, c := startFake(t)
		n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
		// A TCP_UDP target group takes both TCP and UDP listeners.
		tcpUDP := func() (*nlbTask, *targetGroupTask) {
			tg := n.tg()
			tg.Protocol = "TCP_UDP"
			return n.lb(), tg
		}
		lb, tg := tcpUDP()
		mustStep(t, c, true, lb, tg, listener(lb, tg))

		lb, tg = tcpUDP()
		l := listener(lb, tg)
		l.Protocol = "UDP"
		want := providers.Field{Name: "Protocol", Old: "TCP", New: "UDP"}
		wantModify(t, mustStep(t, c, false, lb, tg, l), "Listener", l.Name, want)
		wantModify(t, mustStep(t, c, true, lb, tg, l), "Listener", l.Name, want)
		wantEmpty(t, mustStep(t, c, false, lb, tg, l))
	})
	t.Run("DefaultAction", func(t *testing.T) {
		_, c := startFake(t)
		n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
		lb, tg := n.lb(), n.tg()
		mustStep(t, c, true, lb, tg, listener(lb, tg))

		other := n.tg()
		other.Name, other.AWSName = "tcp2."+testCluster, TargetGroupName("tcp2", testCluster)
		mustStep(t, c, true, other)
		lb = n.lb()
		l := listener(lb, other)
		want := providers.Field{Name: "DefaultAction", Old: "forward:" + tg.arn, New: "forward:name:tcp2.k8s.example.com"}
		wantModify(t, mustStep(t, c, false, lb, other, l), "Listener", l.Name, want)
		wantModify(t, mustStep(t, c, true, lb, other, l), "Listener", l.Name, want)
		wantEmpty(t, mustStep(t, c, false, lb, other, l))
	})
}

// A listener is found by its port: another port is another listener,
// created beside the first, never an in-place change.
func TestListenerOtherPortIsAnotherListener(t *testing.T) {
	_, c := startFake(t)
	n := makeNetwork(t, c, testCluster, "172.20.0.0/16")
	lb, tg := n.lb(), n.tg()
	mustStep(t, c, true, lb, tg, listener(lb, tg))
	lb, tg = n.lb(), n.tg()
	l := listener(lb, tg)
	l.Name, l.Port = lb.Name+"-8443", 8443
	wantCreates(t, mustStep(t, c, false, lb, tg, l), "Listener/api.k8s.example.com-8443")
}
