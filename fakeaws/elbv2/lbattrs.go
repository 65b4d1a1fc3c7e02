package elbv2

import (
	"maps"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const (
	attrDeletionProtection = "deletion_protection.enabled"
	attrCrossZone          = "load_balancing.cross_zone.enabled"
)

// defaultLBAttributes are the attributes of a new load balancer, as AWS
// sets them for its type.
func defaultLBAttributes(lbType string) map[string]string {
	switch lbType {
	case typeGateway:
		return map[string]string{attrDeletionProtection: "false", attrCrossZone: "false"}
	case typeNetwork:
		return map[string]string{
			"access_logs.s3.enabled":                 "false",
			"access_logs.s3.bucket":                  "",
			"access_logs.s3.prefix":                  "",
			attrDeletionProtection:                   "false",
			attrCrossZone:                            "false",
			"dns_record.client_routing_policy":       "any_availability_zone",
			"ipv6.deny_all_igw_traffic":              "false",
			"zonal_shift.config.enabled":             "false",
			"secondary_ips.auto_assigned.per_subnet": "0",
		}
	}
	return map[string]string{
		"access_logs.s3.enabled":                                  "false",
		"access_logs.s3.bucket":                                   "",
		"access_logs.s3.prefix":                                   "",
		"connection_logs.s3.enabled":                              "false",
		"connection_logs.s3.bucket":                               "",
		"connection_logs.s3.prefix":                               "",
		attrDeletionProtection:                                    "false",
		attrCrossZone:                                             "true",
		"idle_timeout.timeout_seconds":                            "60",
		"client_keep_alive.seconds":                               "3600",
		"routing.http.desync_mitigation_mode":                     "defensive",
		"routing.http.drop_invalid_header_fields.enabled":         "false",
		"routing.http.preserve_host_header.enabled":               "false",
		"routing.http.x_amz_tls_version_and_cipher_suite.enabled": "false",
		"routing.http.xff_client_port.enabled":                    "false",
		"routing.http.xff_header_processing.mode":                 "append",
		"routing.http2.enabled":                                   "true",
		"waf.fail_open.enabled":                                   "false",
		"zonal_shift.config.enabled":                              "false",
		"ipv6.deny_all_igw_traffic":                               "false",
	}
}

// attrChecks validate the values of attributes whose values are
// constrained; other known attributes take any string.
var attrChecks = map[string]func(string) bool{
	attrDeletionProtection:                            isBool,
	"access_logs.s3.enabled":                          isBool,
	"connection_logs.s3.enabled":                      isBool,
	"routing.http2.enabled":                           isBool,
	"waf.fail_open.enabled":                           isBool,
	"zonal_shift.config.enabled":                      isBool,
	"ipv6.deny_all_igw_traffic":                       isBool,
	"routing.http.drop_invalid_header_fields.enabled": isBool,
	"idle_timeout.timeout_seconds":                    intRange(1, 4000),
	"client_keep_alive.seconds":                       intRange(60, 604800),
	"deregistration_delay.timeout_seconds":            intRange(0, 3600),
	attrTCPIdleTimeout:                                intRange(60, 6000),
	"stickiness.enabled":                              isBool,
	"proxy_protocol_v2.enabled":                       isBool,
	"preserve_client_ip.enabled":                      isBool,
	"stickiness.lb_cookie.duration_seconds":           intRange(1, 604800),
	"slow_start.duration_seconds":                     func(v string) bool { n, err := strconv.Atoi(v); return err == nil && (n == 0 || n >= 30 && n <= 900) },
}

func isBool(v string) bool { return v == "true" || v == "false" }

func intRange(lo, hi int) func(string) bool {
	return func(v string) bool {
		n, err := strconv.Atoi(v)
		return err == nil && n >= lo && n <= hi
	}
}

// applyAttributes sets Attributes.member.N on attrs, which holds every
// key the resource accepts. what names the resource in errors.
func applyAttributes(attrs map[string]string, p awsapi.Params, what string) (map[string]string, error) {
	list := p.Structs("Attributes.member")
	if len(list) == 0 {
		return nil, awsapi.MissingParameter("Attributes")
	}
	if what == "Load balancer" && len(list) > maxAttributesPerCall {
		return nil, errConstraint(len(list), "attributes", "Member must have length less than or equal to 20")
	}
	out := maps.Clone(attrs)
	for _, a := range list {
		k, v := a.Get("Key"), a.Get("Value")
		if _, ok := attrs[k]; !ok {
			return nil, awsapi.ValidationError("%s attribute key '%s' is not recognized", what, k)
		}
		if check, ok := attrChecks[k]; ok && !check(v) {
			return nil, awsapi.ValidationError("%s attribute value '%s' is not valid for key '%s'", what, v, k)
		}
		out[k] = v
	}
	return out, nil
}

type lbAttributesResult struct {
	Attributes members[attributeXML] `xml:"Attributes"`
}

func (s *Service) describeLoadBalancerAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	var lb loadBalancer
	if err := s.view(func(tx *store.Tx) error { lb, err = s.getLB(tx, sc, arn); return err }); err != nil {
		return nil, err
	}
	return lbAttributesResult{attributesXML(lb.Attributes)}, nil
}

func (s *Service) modifyLoadBalancerAttributes(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("LoadBalancerArn")
	if err != nil {
		return nil, err
	}
	var lb loadBalancer
	err = s.update(func(tx *store.Tx) error {
		if lb, err = s.getLB(tx, sc, arn); err != nil {
			return err
		}
		if lb.Attributes, err = applyAttributes(lb.Attributes, p, "Load balancer"); err != nil {
			return err
		}
		return sc.bucket(tx, kindLBs).Put(lb.Name, lb)
	})
	if err != nil {
		return nil, err
	}
	return lbAttributesResult{attributesXML(lb.Attributes)}, nil
}
