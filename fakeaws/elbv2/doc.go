// Package elbv2 emulates Elastic Load Balancing v2 (network, application and
// gateway load balancers) over the query protocol, and makes their listeners
// real.
//
// State lives in the store under account, region, "elbv2", kind. A load
// balancer is provisioning for Config.ProvisioningDelay after it is created
// and active afterwards, computed from its creation time on the clock.
// Deregistered targets drain for the target group's
// deregistration_delay.timeout_seconds (divided by Config.Speed).
//
// Target health comes from two sources. A target whose machine serves its
// port on a real address of this host (compute.Status.Ports) is health
// checked for real, on the target group's schedule on the clock: a TCP
// connect, or an HTTP(S) GET of the health-check path matched against the
// target group's codes; its state flips after the healthy or unhealthy
// threshold count of consecutive results. Any other target's health is
// computed from the instance's state (and the runtime's Up and Healthy when
// it knows them) and the time since registration.
//
// Each listener of an active load balancer whose targets have real
// addresses is a real TCP listener on 127.0.0.1 (ListenerAddr) that
// forwards every connection to a healthy target, round robin, so that a
// highly available service behind a load balancer really fails over. TLS
// and HTTPS listeners pass bytes through: TLS is not terminated.
//
// Run health checks and open listeners with Start (a loop on the clock) or
// one round at a time with Round; Close stops everything.
package elbv2
