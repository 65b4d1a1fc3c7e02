package elbv2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const attrDeregistrationDelay = "deregistration_delay.timeout_seconds"

// defaultTGAttributes are the attributes of a new target group, as AWS
// sets them for its protocol and target type.
func defaultTGAttributes(protocol, targetType string) map[string]string {
	if targetType == "lambda" {
		return map[string]string{"lambda.multi_value_headers.enabled": "false"}
	}
	a := map[string]string{
		attrDeregistrationDelay:             "300",
		"stickiness.enabled":                "false",
		"load_balancing.cross_zone.enabled": "use_load_balancer_configuration",
		"target_group_health.dns_failover.minimum_healthy_targets.count":                 "1",
		"target_group_health.dns_failover.minimum_healthy_targets.percentage":            "off",
		"target_group_health.unhealthy_state_routing.minimum_healthy_targets.count":      "1",
		"target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": "off",
	}
	switch {
	case isHTTP(protocol):
		a["stickiness.type"] = "lb_cookie"
		a["stickiness.lb_cookie.duration_seconds"] = "86400"
		a["stickiness.app_cookie.cookie_name"] = ""
		a["stickiness.app_cookie.duration_seconds"] = "86400"
		a["slow_start.duration_seconds"] = "0"
		a["load_balancing.algorithm.type"] = "round_robin"
		a["load_balancing.algorithm.anomaly_mitigation"] = "off"
	case protocol == protoGENEVE:
		a["stickiness.type"] = "five_tuple"
		a["target_failover.on_deregistration"] = "no_rebalance"
		a["target_failover.on_unhealthy"] = "no_rebalance"
	default:
		preserve := "true"
		if targetType == "ip" && (protocol == protoTCP || protocol == protoTLS) {
			preserve = "false"
		}
		a["stickiness.type"] = "source_ip"
		a["deregistration_delay.connection_termination.enabled"] = "false"
		a["proxy_protocol_v2.enabled"] = "false"
		a["preserve_client_ip.enabled"] = preserve
		a["target_health_state.unhealthy.connection_termination.enabled"] = "true"
		a["target_health_state.unhealthy.draining_interval_seconds"] = "0"
	}
	return a
}

type tgAttributesResult struct {
	Attributes members[attributeXML] `xml:"Attributes"`
}

func (s *Service) describeTargetGroupAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	var tg targetGroup
	if err := s.view(func(tx *store.Tx) error { tg, err = s.getTG(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	return tgAttributesResult{attributesXML(tg.Attributes)}, nil
}

func (s *Service) modifyTargetGroupAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	var tg targetGroup
	err = s.update(func(tx *store.Tx) error {
		if tg, err = s.getTG(tx, sc, arn); err != nil {
			return err
		}
		if tg.Attributes, err = applyAttributes(tg.Attributes, p, "Target group"); err != nil {
			return err
		}
		return sc.bucket(tx, kindTGs).Put(tg.Name, tg)
	})
	if err != nil {
		return nil, err
	}
	return tgAttributesResult{attributesXML(tg.Attributes)}, nil
}
