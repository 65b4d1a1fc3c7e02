package elbv2

import (
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// Protocols.
const (
	protoHTTP   = "HTTP"
	protoHTTPS  = "HTTPS"
	protoTCP    = "TCP"
	protoTLS    = "TLS"
	protoUDP    = "UDP"
	protoTCPUDP = "TCP_UDP"
	protoGENEVE = "GENEVE"
)

const trafficPort = "traffic-port"

func isHTTP(protocol string) bool { return protocol == protoHTTP || protocol == protoHTTPS }

// defaultHealthCheck is the health check AWS gives a new target group.
func defaultHealthCheck(protocol, targetType string) healthCheck {
	switch {
	case targetType == "lambda":
		return healthCheck{Enabled: false, Path: "/", Interval: 35, Timeout: 30, Healthy: 5, Unhealthy: 2, Matcher: "200"}
	case isHTTP(protocol):
		return healthCheck{Enabled: true, Protocol: protocol, Port: trafficPort, Path: "/", Interval: 30, Timeout: 5, Healthy: 5, Unhealthy: 2, Matcher: "200"}
	case protocol == protoGENEVE:
		return healthCheck{Enabled: true, Protocol: protoTCP, Port: "80", Interval: 10, Timeout: 5, Healthy: 5, Unhealthy: 2}
	}
	return healthCheck{Enabled: true, Protocol: protoTCP, Port: trafficPort, Interval: 30, Timeout: 10, Healthy: 5, Unhealthy: 2}
}

// parseHealthCheck applies the health-check parameters of
// CreateTargetGroup or ModifyTargetGroup to hc, the defaults or the
// group's current settings.
func parseHealthCheck(p awsapi.Params, hc healthCheck, protocol, targetType string) (healthCheck, error) {
	var err error
	if p.Has("HealthCheckEnabled") {
		if hc.Enabled, err = p.Bool("HealthCheckEnabled", true); err != nil {
			return hc, err
		}
		if !hc.Enabled && targetType != "lambda" {
			return hc, awsapi.ValidationError("Health check enabled must be true for target groups with target type '%s'", targetType)
		}
	}
	if v := p.Get("HealthCheckProtocol"); v != "" && v != hc.Protocol {
		switch {
		case v != protoHTTP && v != protoHTTPS && v != protoTCP:
			return hc, awsapi.ValidationError("Health check protocol '%s' is not supported", v)
		case isHTTP(protocol) && !isHTTP(v):
			return hc, awsapi.ValidationError("Health check protocol '%s' is not supported for target groups with the protocol '%s'", v, protocol)
		}
		hc.Protocol = v
		if isHTTP(v) {
			hc.Path = or(hc.Path, "/")
			if !isHTTP(protocol) {
				hc.Matcher = or(hc.Matcher, "200-399")
				hc.Timeout = map[string]int{protoHTTP: 6, protoHTTPS: 10}[v]
			}
		} else {
			hc.Path, hc.Matcher = "", ""
		}
	}
	if v := p.Get("HealthCheckPort"); v != "" {
		if n, err := strconv.Atoi(v); v != trafficPort && (err != nil || n < 1 || n > 65535) {
			return hc, awsapi.ValidationError("Health check port '%s' is not valid; give a port between 1 and 65535 or 'traffic-port'", v)
		}
		hc.Port = v
	}
	if v := p.Get("HealthCheckPath"); v != "" {
		if !isHTTP(hc.Protocol) {
			return hc, invalidConfig("Custom health check paths are not supported for health checks with the protocol '%s'", hc.Protocol)
		}
		if !strings.HasPrefix(v, "/") || len(v) > 1024 {
			return hc, awsapi.ValidationError("Health check path '%s' must begin with a '/' character and be at most 1024 characters long", v)
		}
		hc.Path = v
	}
	if hc.Interval, err = intIn(p, "HealthCheckIntervalSeconds", 5, 300, hc.Interval); err != nil {
		return hc, err
	}
	if hc.Timeout, err = intIn(p, "HealthCheckTimeoutSeconds", 2, 120, hc.Timeout); err != nil {
		return hc, err
	}
	if hc.Healthy, err = intIn(p, "HealthyThresholdCount", 2, 10, hc.Healthy); err != nil {
		return hc, err
	}
	if hc.Unhealthy, err = intIn(p, "UnhealthyThresholdCount", 2, 10, hc.Unhealthy); err != nil {
		return hc, err
	}
	if hc.Timeout > hc.Interval && hc.Enabled {
		return hc, awsapi.ValidationError("Health check timeout '%d' must not be greater than the interval '%d'", hc.Timeout, hc.Interval)
	}
	if v := p.Get("Matcher.HttpCode"); v != "" {
		if !isHTTP(hc.Protocol) {
			return hc, invalidConfig("Health check matchers are not supported for health checks with the protocol '%s'", hc.Protocol)
		}
		hi := 499
		if !isHTTP(protocol) {
			hi = 599
		}
		if _, ok := parseCodes(v, 200, hi); !ok {
			return hc, awsapi.ValidationError("Health check matcher HTTP code '%s' must be a value between 200 and %d, a comma-separated list or a range", v, hi)
		}
		hc.Matcher = v
	}
	return hc, nil
}

// codeRange is an inclusive range of HTTP codes.
type codeRange struct{ lo, hi int }

// parseCodes reads a matcher ("200", "200,202", "200-299") whose codes
// lie within [min, max].
func parseCodes(s string, lo, hi int) ([]codeRange, bool) {
	var out []codeRange
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(strings.TrimSpace(part), "-")
		x, err := strconv.Atoi(a)
		if err != nil {
			return nil, false
		}
		y := x
		if isRange {
			if y, err = strconv.Atoi(b); err != nil {
				return nil, false
			}
		}
		if x < lo || y > hi || x > y {
			return nil, false
		}
		out = append(out, codeRange{x, y})
	}
	return out, true
}

// matches reports whether code is one of the matcher's.
func matches(matcher string, code int) bool {
	ranges, ok := parseCodes(matcher, 100, 599)
	if !ok {
		return false
	}
	for _, r := range ranges {
		if code >= r.lo && code <= r.hi {
			return true
		}
	}
	return false
}
