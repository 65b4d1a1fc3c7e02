package aws

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbv2types "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// The API load balancer's target group, and the listener that forwards
// to it.

// apiHealthCheck is the health check of the API's target group, as kOps
// sets it.
var apiHealthCheck = tgHealth{Protocol: "TCP", Interval: 10, Healthy: 2, Unhealthy: 2}

// tgHealth is what the driver sets of a target group's health check.
type tgHealth struct {
	Protocol                     string
	Interval, Healthy, Unhealthy int32
}

func (h tgHealth) String() string {
	return render(map[string]string{
		"Protocol": h.Protocol, "IntervalSeconds": strconv.Itoa(int(h.Interval)),
		"HealthyThreshold": strconv.Itoa(int(h.Healthy)), "UnhealthyThreshold": strconv.Itoa(int(h.Unhealthy)),
	})
}

func (t *targetGroupTask) kind() string { return "TargetGroup" }
func (t *targetGroupTask) name() string { return t.Name }
func (t *targetGroupTask) deps() []task { return []task{t.VPC} }

func (t *targetGroupTask) fields() []field {
	hc := apiHealthCheck
	if t.healthCheck != nil {
		hc = *t.healthCheck
	}
	return []field{
		fixed("TargetGroupName", t.AWSName),
		fixed("Port", t.Port),
		fixed("Protocol", t.Protocol),
		fixed("VPC", t.VPC),
		fieldOf("HealthCheck", hc.String()),
		fieldOf("Tags", t.Tags),
	}
}

func (t *targetGroupTask) find(ctx context.Context, c *Clients) (task, error) {
	out, err := c.ELBv2.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{Names: []string{t.AWSName}})
	if isCode(err, "TargetGroupNotFound") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	tg, err := one(out.TargetGroups, "target group", t.AWSName)
	if tg == nil || err != nil {
		return nil, err
	}
	arn := aws.ToString(tg.TargetGroupArn)
	tags, err := elbTagsOf(ctx, c, arn)
	if err != nil {
		return nil, err
	}
	if err := checkOwner("target group", t.AWSName, t.Cluster, tags); err != nil {
		return nil, err
	}
	t.arn = arn
	actual := &targetGroupTask{
		Name: t.Name, Cluster: t.Cluster, AWSName: aws.ToString(tg.TargetGroupName),
		VPC:  t.VPC,
		Port: aws.ToInt32(tg.Port), Protocol: string(tg.Protocol), Tags: only(tags, t.Tags), arn: arn,
		healthCheck: &tgHealth{
			Protocol: string(tg.HealthCheckProtocol), Interval: aws.ToInt32(tg.HealthCheckIntervalSeconds),
			Healthy: aws.ToInt32(tg.HealthyThresholdCount), Unhealthy: aws.ToInt32(tg.UnhealthyThresholdCount),
		},
	}
	if vpc := aws.ToString(tg.VpcId); vpc != t.VPC.id {
		actual.VPC = &vpcTask{Name: vpc} // another VPC, shown by its ID
	}
	return actual, nil
}

func (t *targetGroupTask) create(ctx context.Context, c *Clients) error {
	hc := apiHealthCheck
	out, err := c.ELBv2.CreateTargetGroup(ctx, &elbv2.CreateTargetGroupInput{
		Name:                       aws.String(t.AWSName),
		Port:                       aws.Int32(t.Port),
		Protocol:                   elbv2types.ProtocolEnum(t.Protocol),
		VpcId:                      aws.String(t.VPC.id),
		TargetType:                 elbv2types.TargetTypeEnumInstance,
		HealthCheckProtocol:        elbv2types.ProtocolEnum(hc.Protocol),
		HealthCheckIntervalSeconds: aws.Int32(hc.Interval),
		HealthyThresholdCount:      aws.Int32(hc.Healthy),
		UnhealthyThresholdCount:    aws.Int32(hc.Unhealthy),
		Tags:                       elbTags(t.Tags),
	})
	if err != nil {
		return err
	}
	tg, err := one(out.TargetGroups, "target group", t.AWSName)
	if err != nil {
		return err
	}
	if tg == nil {
		return fmt.Errorf("CreateTargetGroup %s answered no target group", t.AWSName)
	}
	t.arn = aws.ToString(tg.TargetGroupArn)
	return nil
}

func (t *targetGroupTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	for _, ch := range changes {
		var err error
		switch ch.Name {
		case "HealthCheck":
			hc := apiHealthCheck
			_, err = c.ELBv2.ModifyTargetGroup(ctx, &elbv2.ModifyTargetGroupInput{
				TargetGroupArn:             aws.String(t.arn),
				HealthCheckProtocol:        elbv2types.ProtocolEnum(hc.Protocol),
				HealthCheckIntervalSeconds: aws.Int32(hc.Interval),
				HealthyThresholdCount:      aws.Int32(hc.Healthy),
				UnhealthyThresholdCount:    aws.Int32(hc.Unhealthy),
			})
		case "Tags":
			err = addELBTags(ctx, c, t.arn, t.Tags)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", ch.Name, err)
		}
	}
	return nil
}

func (t *listenerTask) kind() string { return "Listener" }
func (t *listenerTask) name() string { return t.Name }
func (t *listenerTask) deps() []task { return []task{t.LB, t.TargetGroup} }

func (t *listenerTask) fields() []field {
	action := t.action
	if action == "" {
		action = "forward:" + render(t.TargetGroup)
	}
	return []field{
		fixed("Port", t.Port),
		fieldOf("Protocol", t.Protocol),
		fieldOf("DefaultAction", action),
	}
}

func (t *listenerTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.LB.arn == "" {
		return nil, nil // the load balancer does not exist yet
	}
	p := elbv2.NewDescribeListenersPaginator(c.ELBv2, &elbv2.DescribeListenersInput{LoadBalancerArn: aws.String(t.LB.arn)})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, l := range out.Listeners {
			if aws.ToInt32(l.Port) != t.Port {
				continue
			}
			t.arn = aws.ToString(l.ListenerArn)
			return &listenerTask{
				Name: t.Name, LB: t.LB, Port: t.Port, Protocol: string(l.Protocol), TargetGroup: t.TargetGroup,
				arn: t.arn, action: t.actionOf(l.DefaultActions),
			}, nil
		}
	}
	return nil, nil
}

// actionOf renders default actions as fields() does: "forward:name:TG"
// for a forward to the task's target group, "forward:ARN" to another.
func (t *listenerTask) actionOf(actions []elbv2types.Action) string {
	if len(actions) != 1 || actions[0].Type != elbv2types.ActionTypeEnumForward {
		var types []string
		for _, a := range actions {
			types = append(types, string(a.Type))
		}
		return render(types)
	}
	a := actions[0]
	arn := aws.ToString(a.TargetGroupArn)
	if arn == "" && a.ForwardConfig != nil && len(a.ForwardConfig.TargetGroups) == 1 {
		arn = aws.ToString(a.ForwardConfig.TargetGroups[0].TargetGroupArn)
	}
	if arn != "" && arn == t.TargetGroup.arn {
		return "forward:" + render(t.TargetGroup)
	}
	return "forward:" + arn
}

func (t *listenerTask) defaultActions() []elbv2types.Action {
	return []elbv2types.Action{{Type: elbv2types.ActionTypeEnumForward, TargetGroupArn: aws.String(t.TargetGroup.arn)}}
}

func (t *listenerTask) create(ctx context.Context, c *Clients) error {
	out, err := c.ELBv2.CreateListener(ctx, &elbv2.CreateListenerInput{
		LoadBalancerArn: aws.String(t.LB.arn),
		Port:            aws.Int32(t.Port),
		Protocol:        elbv2types.ProtocolEnum(t.Protocol),
		DefaultActions:  t.defaultActions(),
	})
	if err != nil {
		return err
	}
	l, err := one(out.Listeners, "listener", t.Name)
	if err != nil {
		return err
	}
	if l == nil {
		return fmt.Errorf("CreateListener answered no listener")
	}
	t.arn = aws.ToString(l.ListenerArn)
	return nil
}

// update sets the protocol and the default action together, whichever
// changed: a new protocol may need the new target group, and the reverse.
func (t *listenerTask) update(ctx context.Context, c *Clients, _ task, _ []providers.Field) error {
	_, err := c.ELBv2.ModifyListener(ctx, &elbv2.ModifyListenerInput{
		ListenerArn:    aws.String(t.arn),
		Protocol:       elbv2types.ProtocolEnum(t.Protocol),
		DefaultActions: t.defaultActions(),
	})
	return err
}
