package route53

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

const apiVersion = "2013-04-01"

// route picks the handler for r's method and path, all under /2013-04-01/.
func (s *Service) route(r *awsapi.Request) (handler, *call, error) {
	segs, ok := pathSegments(r.HTTP.URL)
	if !ok {
		return nil, nil, unknownOperation(r.HTTP)
	}
	c := &call{Request: r}
	m := r.HTTP.Method
	var h handler
	switch {
	case len(segs) == 1 && segs[0] == "hostedzone":
		h = pick(m, map[string]handler{http.MethodPost: s.createHostedZone, http.MethodGet: s.listHostedZones})
	case len(segs) == 2 && segs[0] == "hostedzone":
		c.id = zoneID(segs[1])
		h = pick(m, map[string]handler{
			http.MethodGet:    s.getHostedZone,
			http.MethodPost:   s.updateHostedZoneComment,
			http.MethodDelete: s.deleteHostedZone,
		})
	case len(segs) == 3 && segs[0] == "hostedzone":
		c.id = zoneID(segs[1])
		switch segs[2] {
		case "rrset":
			h = pick(m, map[string]handler{http.MethodPost: s.changeResourceRecordSets, http.MethodGet: s.listResourceRecordSets})
		case "associatevpc":
			h = pick(m, map[string]handler{http.MethodPost: s.associateVPC})
		case "disassociatevpc":
			h = pick(m, map[string]handler{http.MethodPost: s.disassociateVPC})
		case "dnssec":
			h = pick(m, map[string]handler{http.MethodGet: s.getDNSSEC})
		}
	case len(segs) == 1 && segs[0] == "hostedzonesbyname":
		h = pick(m, map[string]handler{http.MethodGet: s.listHostedZonesByName})
	case len(segs) == 1 && segs[0] == "hostedzonesbyvpc":
		h = pick(m, map[string]handler{http.MethodGet: s.listHostedZonesByVPC})
	case len(segs) == 1 && segs[0] == "hostedzonecount":
		h = pick(m, map[string]handler{http.MethodGet: s.getHostedZoneCount})
	case len(segs) == 3 && segs[0] == "hostedzonelimit":
		c.id, c.arg = zoneID(segs[1]), segs[2]
		h = pick(m, map[string]handler{http.MethodGet: s.getHostedZoneLimit})
	case len(segs) == 2 && segs[0] == "change":
		c.id = strings.TrimPrefix(strings.TrimPrefix(segs[1], "/"), "change/")
		h = pick(m, map[string]handler{http.MethodGet: s.getChange})
	case len(segs) == 3 && segs[0] == "tags":
		c.id, c.arg = segs[1], segs[2]
		h = pick(m, map[string]handler{http.MethodGet: s.listTagsForResource, http.MethodPost: s.changeTagsForResource})
	case len(segs) == 2 && segs[0] == "tags":
		c.id = segs[1]
		h = pick(m, map[string]handler{http.MethodPost: s.listTagsForResources})
	}
	if h == nil {
		return nil, nil, unknownOperation(r.HTTP)
	}
	return h, c, nil
}

func pick(method string, byMethod map[string]handler) handler { return byMethod[method] }

// pathSegments splits the path after /2013-04-01/ into unescaped
// segments; a trailing slash (the SDK sends .../rrset/) is dropped.
func pathSegments(u *url.URL) ([]string, bool) {
	p, ok := strings.CutPrefix(u.EscapedPath(), "/"+apiVersion+"/")
	if !ok {
		return nil, false
	}
	p = strings.TrimSuffix(p, "/")
	raw := strings.Split(p, "/")
	segs := make([]string, 0, len(raw))
	for _, s := range raw {
		v, err := url.PathUnescape(s)
		if err != nil || v == "" {
			return nil, false
		}
		segs = append(segs, v)
	}
	return segs, true
}

// zoneID accepts a zone ID bare or as /hostedzone/ID.
func zoneID(s string) string {
	s = strings.TrimPrefix(s, "/")
	return strings.TrimPrefix(s, "hostedzone/")
}

func unknownOperation(r *http.Request) *awsapi.Error {
	return awsapi.BadRequest(codeInvalidAction, "fakeaws does not serve the Route 53 operation %s %s", r.Method, r.URL.Path)
}

// checkZoneID refuses an ID longer than the model allows, as AWS does
// before looking the zone up.
func checkZoneID(id string) error {
	if id == "" {
		return invalidInput("1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null")
	}
	if len(id) > 32 {
		return invalidInput("1 validation error detected: Value '%s' at 'id' failed to satisfy constraint: Member must have length less than or equal to 32", id)
	}
	return nil
}
