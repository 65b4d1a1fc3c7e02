package autoscaling

import (
	"regexp"
	"sort"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Hook timeouts, in seconds.
const (
	defaultHeartbeat = 3600
	minHeartbeat     = 30
	maxHeartbeat     = 7200
	maxGlobalTimeout = 172800
)

var reHookName = regexp.MustCompile(`^[A-Za-z0-9\-_/]{1,255}$`)

// globalTimeout is the longest an instance waits on the hook: 100
// heartbeats, at most 48 hours.
func (h hook) globalTimeout() int { return min(100*h.HeartbeatTimeout, maxGlobalTimeout) }

// readHook reads a hook's fields from p onto h (a new hook or the one
// being updated).
func readHook(p awsapi.Params, h *hook) error {
	if v := p.Get("LifecycleTransition"); v != "" {
		if v != transitionLaunching && v != transitionTerminating {
			return invalid("Invalid Lifecycle Transition: %s. Valid transitions are %s and %s.", v, transitionLaunching, transitionTerminating)
		}
		h.Transition = v
	}
	if h.Transition == "" {
		return invalid("A lifecycle transition must be specified when creating a lifecycle hook.")
	}
	hb, ok, err := intParam(p, "HeartbeatTimeout", minHeartbeat, maxHeartbeat)
	if err != nil {
		return err
	}
	if ok {
		h.HeartbeatTimeout = hb
	}
	if v := p.Get("DefaultResult"); v != "" {
		if v != resultContinue && v != resultAbandon {
			return invalid("Valid values for DefaultResult are CONTINUE and ABANDON.")
		}
		h.DefaultResult = v
	}
	for _, f := range []struct {
		field string
		dst   *string
		max   int
	}{{"NotificationTargetARN", &h.NotificationARN, 255}, {"RoleARN", &h.RoleARN, 255}, {"NotificationMetadata", &h.Metadata, 4000}} {
		if p.Has(f.field) {
			v := p.Get(f.field)
			if err := checkText(f.field, v, f.max); err != nil {
				return err
			}
			*f.dst = v
		}
	}
	return nil
}

func newHook(hookName string) hook {
	return hook{Name: hookName, HeartbeatTimeout: defaultHeartbeat, DefaultResult: resultAbandon}
}

func hookName(p awsapi.Params) (string, error) {
	v, err := p.Required("LifecycleHookName")
	if err != nil {
		return "", err
	}
	if !reHookName.MatchString(v) {
		return "", invalid("1 validation error detected: Value '%s' at 'lifecycleHookName' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9\\-_\\/]+", v)
	}
	return v, nil
}

// readHookSpecs reads CreateAutoScalingGroup's LifecycleHookSpecificationList.
func readHookSpecs(p awsapi.Params) ([]hook, error) {
	var out []hook
	for _, sp := range p.Structs("LifecycleHookSpecificationList.member") {
		n, err := hookName(sp)
		if err != nil {
			return nil, err
		}
		if sp.Get("LifecycleTransition") == "" {
			return nil, awsapi.MissingParameter("LifecycleTransition")
		}
		h := newHook(n)
		if err := readHook(sp, &h); err != nil {
			return nil, err
		}
		for _, o := range out {
			if o.Name == n {
				return nil, invalid("Lifecycle hook names must be unique: %s is used twice.", n)
			}
		}
		out = append(out, h)
	}
	if len(out) > maxHooks {
		return nil, fail(codeLimitExceeded, "The number of lifecycle hooks exceeds the limit of %d.", maxHooks)
	}
	return out, nil
}

func (s *Service) putLifecycleHook(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	n, err := hookName(p)
	if err != nil {
		return nil, err
	}
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		for i := range g.Hooks {
			if g.Hooks[i].Name == n {
				h := g.Hooks[i]
				if err := readHook(p, &h); err != nil {
					return err
				}
				g.Hooks[i] = h
				return saveGroup(tx, sc, g)
			}
		}
		if len(g.Hooks) >= maxHooks {
			return fail(codeLimitExceeded, "Auto Scaling group %s already has %d lifecycle hooks, the limit.", gname, maxHooks)
		}
		h := newHook(n)
		if err := readHook(p, &h); err != nil {
			return err
		}
		g.Hooks = append(g.Hooks, h)
		return saveGroup(tx, sc, g)
	})
	return struct{}{}, err
}

type describeHooksResult struct {
	LifecycleHooks []xHook `xml:"LifecycleHooks>member"`
}

func (s *Service) describeLifecycleHooks(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	names := members(p, "LifecycleHookNames")
	var res describeHooksResult
	err = s.view(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		hooks := append([]hook(nil), g.Hooks...)
		sort.Slice(hooks, func(i, j int) bool { return hooks[i].Name < hooks[j].Name })
		for _, h := range hooks {
			if len(names) == 0 || contains(names, h.Name) {
				res.LifecycleHooks = append(res.LifecycleHooks, h.view(g.Name))
			}
		}
		return nil
	})
	return res, err
}

func (s *Service) deleteLifecycleHook(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	n, err := hookName(p)
	if err != nil {
		return nil, err
	}
	gname, err := name(p, "AutoScalingGroupName")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		g, err := mustGroup(tx, sc, gname)
		if err != nil {
			return err
		}
		h, ok := g.hook(n)
		if !ok {
			return invalid("No Lifecycle Hook found with name %s for AutoScalingGroup %s", n, gname)
		}
		var kept []hook
		for _, o := range g.Hooks {
			if o.Name != n {
				kept = append(kept, o)
			}
		}
		g.Hooks = kept
		// Outstanding actions of the hook end: CONTINUE for launches,
		// ABANDON for terminations, as AWS does.
		result := resultContinue
		if h.Transition == transitionTerminating {
			result = resultAbandon
		}
		for _, in := range g.Instances {
			for i := range in.Actions {
				if in.Actions[i].Hook == n && in.Actions[i].Result == "" {
					in.Actions[i].Result = result
				}
			}
		}
		return saveGroup(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return struct{}{}, nil
}

type hookTypesResult struct {
	LifecycleHookTypes []string `xml:"LifecycleHookTypes>member"`
}

func (s *Service) describeLifecycleHookTypes(*awsapi.Request, awsapi.Params) (any, error) {
	return hookTypesResult{[]string{transitionLaunching, transitionTerminating}}, nil
}
