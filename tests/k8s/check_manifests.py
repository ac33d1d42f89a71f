"""Renders every overlay under k8s/overlays with `kubectl kustomize` and checks what an operator
relies on: probes, resources and a locked-down security context on every container; selectors that
match the pods they mean; the HPA and PDB on the server's Deployment; ports and setting names that
agree with the server's own settings (src/ReportValidation.Server/appsettings.json); Redis bounded,
password-protected from a Secret and reachable only from the server; /metrics on its own port, open
only to the monitoring namespace; a drain window longer than the server's shutdown timeout.

Each check prints PASS or FAIL with the overlay's name; the last line is "N passed, N failed".
A second part mutates a rendered overlay (drops a probe, moves a port, ...) and expects the checks
to catch each mutation, so that no check passes by accident.

usage: python3 check_manifests.py REPO_ROOT
"""

import copy
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

SERVER = ("reportvalidation", "server")  # app.kubernetes.io/name, component of the server's pods
REDIS_DEPLOYMENT = "reportvalidation-redis"


# --- loading ---------------------------------------------------------------------------------

def render(overlay):
    out = subprocess.run(["kubectl", "kustomize", overlay], capture_output=True, text=True, check=True)
    return [d for d in yaml.safe_load_all(out.stdout) if d]


def server_settings(root):
    """The server's own appsettings.json: the names and defaults the manifests must agree with."""
    path = os.path.join(root, "src", "ReportValidation.Server", "appsettings.json")
    return json.load(open(path, encoding="utf-8-sig")), path


def of_kind(docs, kind):
    return [d for d in docs if d.get("kind") == kind]


def named(docs, kind, name):
    return next((d for d in of_kind(docs, kind) if d["metadata"]["name"] == name), None)


def workloads(docs):
    return [d for d in docs if d.get("kind") in ("Deployment", "StatefulSet", "DaemonSet")]


def pod_labels(workload):
    return workload["spec"]["template"]["metadata"].get("labels", {})


def selects(selector, labels):
    """matchLabels (or a Service's plain map) against a label set; matchExpressions are not used here."""
    if selector is None:
        return False
    match = selector.get("matchLabels", selector) if "matchLabels" in selector or "matchExpressions" in selector else selector
    if not match:
        return False
    return all(labels.get(k) == v for k, v in match.items())


def server_deployment(docs):
    return next((d for d in of_kind(docs, "Deployment")
                 if pod_labels(d).get("app.kubernetes.io/name") == SERVER[0]
                 and pod_labels(d).get("app.kubernetes.io/component") == SERVER[1]), None)


def settings_env(docs, workload):
    """The environment the server container sees: its ConfigMaps (envFrom), then env on top."""
    container = workload["spec"]["template"]["spec"]["containers"][0]
    env = {}
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef")
        if ref:
            cm = named(docs, "ConfigMap", ref["name"])
            if cm is None:
                raise AssertionError(f"envFrom names ConfigMap {ref['name']}, which the overlay does not render")
            env.update(cm.get("data", {}))
    for item in container.get("env", []):
        env[item["name"]] = item.get("value", item.get("valueFrom"))
    return env


def quantity(q):
    """Kubernetes quantities to plain numbers (cores, bytes)."""
    q = str(q)
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9}
    for suffix, factor in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if q.endswith(suffix):
            return float(q[: -len(suffix)]) * factor
    return float(q)


def setting_exists(appsettings, key):
    """Section__Key (ASP.NET Core's environment form) names a setting the server has."""
    node = appsettings
    for part in key.split("__"):
        if isinstance(node, dict):
            match = next((k for k in node if k.lower() == part.lower()), None)
            if match is None:
                # Logging levels name categories freely; everything else must exist.
                return node is not appsettings and "LogLevel" in key
            node = node[match]
        elif isinstance(node, list):
            if not part.isdigit():
                return False
            node = None  # an array element: any index is fine
        else:
            return False
    return True


# --- checks: each returns a list of problems (empty: pass) --------------------------------------

def check_probes(docs, _):
    problems = []
    for w in workloads(docs):
        for c in w["spec"]["template"]["spec"]["containers"]:
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                if probe not in c:
                    problems.append(f"{w['metadata']['name']}/{c['name']} has no {probe}")
    return problems


def check_resources(docs, _):
    problems = []
    for w in workloads(docs):
        for c in w["spec"]["template"]["spec"]["containers"]:
            res = c.get("resources", {})
            for kind in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if r not in res.get(kind, {}):
                        problems.append(f"{w['metadata']['name']}/{c['name']} has no {kind}.{r}")
            for r in ("cpu", "memory"):
                if r in res.get("requests", {}) and r in res.get("limits", {}):
                    if quantity(res["requests"][r]) > quantity(res["limits"][r]):
                        problems.append(f"{w['metadata']['name']}/{c['name']} requests more {r} than its limit")
    return problems


def check_security(docs, _):
    problems = []
    for w in workloads(docs):
        pod = w["spec"]["template"]["spec"]
        pod_sc = pod.get("securityContext", {})
        for c in pod["containers"]:
            sc = c.get("securityContext", {})
            where = f"{w['metadata']['name']}/{c['name']}"
            if not sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")):
                problems.append(f"{where} is not runAsNonRoot")
            if sc.get("runAsUser", pod_sc.get("runAsUser", 0)) == 0:
                problems.append(f"{where} has no non-zero runAsUser")
            if sc.get("allowPrivilegeEscalation", True):
                problems.append(f"{where} allows privilege escalation")
            if not sc.get("readOnlyRootFilesystem"):
                problems.append(f"{where} has a writable root filesystem")
            if "ALL" not in sc.get("capabilities", {}).get("drop", []):
                problems.append(f"{where} does not drop all capabilities")
            if sc.get("capabilities", {}).get("add"):
                problems.append(f"{where} adds capabilities")
            if (sc.get("seccompProfile") or pod_sc.get("seccompProfile") or {}).get("type") != "RuntimeDefault":
                problems.append(f"{where} has no RuntimeDefault seccomp profile")
        if pod.get("automountServiceAccountToken", True):
            problems.append(f"{w['metadata']['name']} mounts a service account token it does not use")
    return problems


def check_selectors(docs, _):
    problems = []
    pods = [pod_labels(w) for w in workloads(docs)]
    for w in workloads(docs):
        if not selects(w["spec"]["selector"], pod_labels(w)):
            problems.append(f"{w['kind']} {w['metadata']['name']}: selector does not match its pod labels")
        spread = w["spec"]["template"]["spec"].get("topologySpreadConstraints", [])
        for t in spread:
            if not selects(t.get("labelSelector"), pod_labels(w)):
                problems.append(f"{w['metadata']['name']}: topology spread on {t['topologyKey']} does not select its pods")
    for s in of_kind(docs, "Service"):
        if not any(selects(s["spec"].get("selector"), labels) for labels in pods):
            problems.append(f"Service {s['metadata']['name']} selects no pods")
    for p in of_kind(docs, "NetworkPolicy"):
        if not any(selects(p["spec"]["podSelector"], labels) for labels in pods):
            problems.append(f"NetworkPolicy {p['metadata']['name']} applies to no pods")
    return problems


def check_services_ports(docs, _):
    problems = []
    for s in of_kind(docs, "Service"):
        targets = [w for w in workloads(docs) if selects(s["spec"].get("selector"), pod_labels(w))]
        names = {p.get("name"): p["containerPort"] for w in targets
                 for c in w["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
        numbers = set(names.values())
        for port in s["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if not (target in names if isinstance(target, str) else target in numbers):
                problems.append(f"Service {s['metadata']['name']} port {port.get('name')} targets {target}, which its pods do not expose")
    return problems


def check_hpa(docs, _):
    problems = []
    server = server_deployment(docs)
    hpas = of_kind(docs, "HorizontalPodAutoscaler")
    if not hpas:
        return ["no HorizontalPodAutoscaler"]
    for h in hpas:
        ref = h["spec"]["scaleTargetRef"]
        if server is None or ref.get("kind") != "Deployment" or ref.get("name") != server["metadata"]["name"]:
            problems.append(f"HPA {h['metadata']['name']} targets {ref.get('kind')} {ref.get('name')}, not the server's Deployment")
        if not 1 <= h["spec"].get("minReplicas", 1) <= h["spec"]["maxReplicas"]:
            problems.append(f"HPA {h['metadata']['name']} has minReplicas > maxReplicas")
        if not any(m.get("type") == "Resource" and m["resource"]["name"] == "cpu" for m in h["spec"].get("metrics", [])):
            problems.append(f"HPA {h['metadata']['name']} does not scale on CPU")
        if server is not None and "replicas" in server["spec"]:
            problems.append("the server Deployment sets replicas: every apply would undo the HPA's count")
        if server is not None and "cpu" not in server["spec"]["template"]["spec"]["containers"][0].get("resources", {}).get("requests", {}):
            problems.append("CPU utilisation needs a CPU request on the server container")
    return problems


def check_pdb(docs, _):
    problems = []
    server = server_deployment(docs)
    pdbs = of_kind(docs, "PodDisruptionBudget")
    if not pdbs:
        return ["no PodDisruptionBudget"]
    for p in pdbs:
        if server is None or not selects(p["spec"]["selector"], pod_labels(server)):
            problems.append(f"PDB {p['metadata']['name']} does not select the server's pods")
        if "minAvailable" in p["spec"] and server is not None:
            hpa = next(iter(of_kind(docs, "HorizontalPodAutoscaler")), None)
            floor = hpa["spec"].get("minReplicas", 1) if hpa else server["spec"].get("replicas", 1)
            if isinstance(p["spec"]["minAvailable"], int) and p["spec"]["minAvailable"] >= floor:
                problems.append(f"PDB {p['metadata']['name']} minAvailable {p['spec']['minAvailable']} blocks every drain at {floor} replicas")
    return problems


def check_topology(docs, _):
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    keys = {t["topologyKey"] for t in server["spec"]["template"]["spec"].get("topologySpreadConstraints", [])}
    missing = {"kubernetes.io/hostname", "topology.kubernetes.io/zone"} - keys
    return [f"server pods are not spread across {k}" for k in sorted(missing)]


def check_ports_match_settings(docs, appsettings):
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    problems = []
    env = settings_env(docs, server)
    container = server["spec"]["template"]["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container.get("ports", [])}
    grpc = int(env.get("Server__GrpcPort", appsettings["Server"]["GrpcPort"]))
    http = int(env.get("Server__HttpPort", appsettings["Server"]["HttpPort"]))
    if ports.get("grpc") != grpc:
        problems.append(f"containerPort grpc {ports.get('grpc')} but the server listens for gRPC on {grpc}")
    if ports.get("http") != http:
        problems.append(f"containerPort http {ports.get('http')} but the server's HTTP/1.1 port is {http}")
    if grpc != appsettings["Server"]["GrpcPort"] or http != appsettings["Server"]["HttpPort"]:
        problems.append(f"ports {grpc}/{http} differ from the server's defaults "
                        f"{appsettings['Server']['GrpcPort']}/{appsettings['Server']['HttpPort']} (appsettings.json)")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        p = container.get(probe, {})
        if "grpc" not in p:
            problems.append(f"{probe} is not a native gRPC probe (grpc.health.v1)")
        elif p["grpc"].get("port") != grpc:
            problems.append(f"{probe} asks port {p['grpc'].get('port')}, not the HTTP/2 gRPC port {grpc}")
    annotations = server["spec"]["template"]["metadata"].get("annotations", {})
    metrics = metrics_port(env, appsettings) or http
    if metrics != http and ports.get("metrics") != metrics:
        problems.append(f"containerPort metrics {ports.get('metrics')} but the server serves /metrics on {metrics}")
    if annotations.get("prometheus.io/port") != str(metrics):
        problems.append(f"Prometheus scrapes port {annotations.get('prometheus.io/port')}, metrics are on {metrics}")
    path = env.get("Telemetry__PrometheusPath", appsettings["Telemetry"]["PrometheusPath"])
    if annotations.get("prometheus.io/path") != path:
        problems.append(f"Prometheus scrapes {annotations.get('prometheus.io/path')}, metrics are on {path}")
    return problems


def metrics_port(env, appsettings):
    """Server__MetricsPort (or the default): the port /metrics alone is served on; None when on the HTTP port."""
    value = env.get("Server__MetricsPort", appsettings["Server"].get("MetricsPort"))
    return int(value) if value not in (None, "") else None


def secret_ref(value):
    """(Secret, key) of an env entry's valueFrom.secretKeyRef, or None for a plain value."""
    ref = value.get("secretKeyRef") if isinstance(value, dict) else None
    return (ref["name"], ref["key"]) if ref else None


def check_metrics_policy(docs, appsettings):
    """/metrics has a port of its own, which only a monitoring namespace may reach; the public ports
    carry no metrics. A NetworkPolicy rule without ports opens every port, so none may be open to all."""
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    env = settings_env(docs, server)
    port = metrics_port(env, appsettings)
    if port is None:
        return ["/metrics shares the public HTTP port (set Server__MetricsPort), so no policy can keep it to monitoring"]
    container = server["spec"]["template"]["spec"]["containers"][0]
    names = {p["containerPort"]: p.get("name") for p in container.get("ports", [])}
    metrics_ports = {port, names.get(port)}
    policies = [p for p in of_kind(docs, "NetworkPolicy") if selects(p["spec"]["podSelector"], pod_labels(server))]
    if not policies:
        return ["no NetworkPolicy guards the server"]
    problems = []
    admitted = False
    for p in policies:
        for rule in p["spec"].get("ingress", []):
            ports = rule.get("ports")
            if not ports:
                problems.append(f"NetworkPolicy {p['metadata']['name']} has a rule open on every port, the metrics port included")
                continue
            if not any(x.get("port") in metrics_ports for x in ports):
                continue
            peers = rule.get("from") or []
            if not peers:
                problems.append(f"NetworkPolicy {p['metadata']['name']} opens the metrics port to everyone")
            for peer in peers:
                namespace = (peer.get("namespaceSelector") or {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                if "ipBlock" in peer or not namespace:
                    problems.append(f"NetworkPolicy {p['metadata']['name']} admits to the metrics port a peer other than a named monitoring namespace")
                else:
                    admitted = True
    if not admitted and not problems:
        problems.append("nothing may reach the metrics port: Prometheus could not scrape")
    return problems


def check_setting_names(docs, appsettings):
    """Every Section__Key the server is given is a setting it has: a typo would be silently ignored."""
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    env = settings_env(docs, server)
    problems = [f"{k} is not a setting of the server" for k in env
                if "__" in k and not setting_exists(appsettings, k)]
    for required in ("Redis__Configuration", "Telemetry__OtlpEndpoint", "Server__GrpcPort", "Server__HttpPort"):
        if required not in env:
            problems.append(f"{required} is not set")
    return problems


def check_drain(docs, appsettings):
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    pod = server["spec"]["template"]["spec"]
    container = pod["containers"][0]
    pre_stop = container.get("lifecycle", {}).get("preStop")
    if not pre_stop:
        return ["no preStop pause: the load balancer would still send calls to a stopping pod"]
    if "sleep" in pre_stop:
        pause = pre_stop["sleep"]["seconds"]
    else:
        numbers = [int(x) for x in re.findall(r"\d+", " ".join(pre_stop.get("exec", {}).get("command", [])))]
        pause = numbers[0] if numbers else 0
    env = settings_env(docs, server)
    shutdown = int(env.get("Server__ShutdownTimeoutSeconds", appsettings["Server"]["ShutdownTimeoutSeconds"]))
    grace = pod.get("terminationGracePeriodSeconds", 30)
    problems = []
    if pause < 3:
        problems.append(f"preStop pause of {pause}s is too short for endpoint removal to propagate")
    if grace <= pause + shutdown:
        problems.append(f"terminationGracePeriodSeconds {grace} <= preStop {pause}s + shutdown timeout {shutdown}s: in-flight calls get killed")
    if server["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable", 1) not in (0, "0%"):
        problems.append("a rollout may take replicas away before new ones are ready")
    return problems


def check_redis(docs, _):
    server = server_deployment(docs)
    if server is None:
        return ["no server Deployment"]
    env = settings_env(docs, server)
    redis = named(docs, "Deployment", REDIS_DEPLOYMENT) or named(docs, "StatefulSet", REDIS_DEPLOYMENT)
    problems = []
    if redis is None:
        # A managed Redis: the one setting must come from somewhere, and nothing may point at an in-cluster one.
        value = env.get("Redis__Configuration")
        if not value:
            problems.append("no in-cluster Redis and no Redis__Configuration for a managed one")
        elif isinstance(value, str) and value.startswith(REDIS_DEPLOYMENT):
            problems.append("Redis__Configuration points at the in-cluster Redis, which this overlay removed")
        elif secret_ref(value) is None and "password=" not in str(value):
            problems.append("Redis__Configuration for a managed Redis neither comes from a Secret nor carries a password")
        if "Redis__Password" in env and secret_ref(env["Redis__Password"]) and secret_ref(env["Redis__Password"])[0].endswith("redis-auth"):
            problems.append("Redis__Password still reads the in-cluster Redis's Secret, which a managed Redis overlay does not need")
        return problems
    container = redis["spec"]["template"]["spec"]["containers"][0]
    problems += redis_password_problems(container, env)
    config = "\n".join(" ".join(container.get("args", [])).split()) + "\n"
    for volume in redis["spec"]["template"]["spec"].get("volumes", []):
        if "configMap" in volume:
            cm = named(docs, "ConfigMap", volume["configMap"]["name"])
            if cm is None:
                problems.append(f"Redis mounts ConfigMap {volume['configMap']['name']}, which the overlay does not render")
            else:
                config += "\n".join(cm.get("data", {}).values())
    policy = re.search(r"maxmemory-policy\s+(\S+)", config)
    if not policy or policy.group(1) != "allkeys-lru":
        problems.append("Redis does not evict with allkeys-lru")
    maxmemory = re.search(r"^\s*maxmemory\s+(\d+)(mb|gb|kb)?\s*$", config, re.M | re.I)
    limit = container.get("resources", {}).get("limits", {}).get("memory")
    if not maxmemory:
        problems.append("Redis has no maxmemory")
    elif limit is None:
        problems.append("Redis has no memory limit")
    else:
        factor = {"kb": 1024, "mb": 2**20, "gb": 2**30}.get((maxmemory.group(2) or "").lower(), 1)
        if int(maxmemory.group(1)) * factor >= quantity(limit):
            problems.append(f"Redis maxmemory {maxmemory.group(0).strip()} leaves no headroom under its {limit} limit")
    # The server points at the Redis Service, on the port that Service exposes.
    services = [s for s in of_kind(docs, "Service") if selects(s["spec"].get("selector"), pod_labels(redis))]
    value = str(env.get("Redis__Configuration", ""))
    endpoint = value.split(",")[0]
    if not any(endpoint in (f"{s['metadata']['name']}:{p['port']}",) for s in services for p in s["spec"]["ports"]):
        problems.append(f"Redis__Configuration '{value}' is not the Redis Service "
                        f"({', '.join(s['metadata']['name'] for s in services) or 'none'})")
    # Only the server's pods may reach it.
    policies = [p for p in of_kind(docs, "NetworkPolicy") if selects(p["spec"]["podSelector"], pod_labels(redis))]
    if not policies:
        problems.append("no NetworkPolicy guards Redis")
    for p in policies:
        if "Ingress" not in p["spec"].get("policyTypes", ["Ingress"]):
            problems.append(f"NetworkPolicy {p['metadata']['name']} does not restrict ingress")
        for rule in p["spec"].get("ingress", []):
            peers = rule.get("from")
            if not peers:
                problems.append(f"NetworkPolicy {p['metadata']['name']} lets any pod in")
                continue
            for peer in peers:
                if "ipBlock" in peer or "namespaceSelector" in peer or not selects(peer.get("podSelector"), pod_labels(server)):
                    problems.append(f"NetworkPolicy {p['metadata']['name']} admits a peer other than the server's pods")
                others = [w for w in workloads(docs) if w is not server and selects(peer.get("podSelector"), pod_labels(w))]
                if others:
                    problems.append(f"NetworkPolicy {p['metadata']['name']} also admits {others[0]['metadata']['name']}")
    return problems


def redis_password_problems(container, server_env):
    """Redis starts with requirepass from a Secret, and the server reads the same Secret's key."""
    args = container.get("args", [])
    redis_env = {e["name"]: e.get("valueFrom") for e in container.get("env", [])}
    variable = next((re.fullmatch(r"\$\((\w+)\)", args[i + 1]).group(1) for i, a in enumerate(args[:-1])
                     if a == "--requirepass" and re.fullmatch(r"\$\((\w+)\)", args[i + 1])), None)
    if variable is None:
        return ["Redis does not start with --requirepass $(VARIABLE): anyone who reaches it may read and write"]
    source = secret_ref(redis_env.get(variable))
    if source is None:
        return [f"Redis's requirepass ${variable} does not come from a Secret"]
    if secret_ref(server_env.get("Redis__Password")) != source:
        return [f"the server's Redis__Password does not come from the Secret Redis's password does ({source[0]}/{source[1]})"]
    return []


def check_images(docs, _):
    problems = []
    for w in workloads(docs):
        for c in w["spec"]["template"]["spec"]["containers"]:
            image = c["image"]
            tag = image.rsplit(":", 1)[1] if ":" in image.rsplit("/", 1)[-1] else None
            if "@sha256:" not in image and (tag is None or tag == "latest"):
                problems.append(f"{w['metadata']['name']}/{c['name']} image {image} has no pinned tag")
    return problems


def check_namespace(docs, _):
    namespaced = [d for d in docs if d["kind"] != "Namespace"]
    spaces = {d["metadata"].get("namespace") for d in namespaced}
    if len(spaces) != 1 or None in spaces:
        return [f"objects are spread over namespaces {spaces}"]
    ns = next(iter(spaces))
    if not any(d["kind"] == "Namespace" and d["metadata"]["name"] == ns for d in docs):
        return [f"namespace {ns} is not part of the overlay"]
    return []


CHECKS = [
    ("probes on every container", check_probes),
    ("requests and limits on every container", check_resources),
    ("non-root, read-only, no capabilities", check_security),
    ("selectors match labels", check_selectors),
    ("Service ports reach container ports", check_services_ports),
    ("HPA on CPU targets the server Deployment", check_hpa),
    ("PDB targets the server Deployment", check_pdb),
    ("spread across nodes and zones", check_topology),
    ("ports and probes match the server's settings", check_ports_match_settings),
    ("setting names exist in the server", check_setting_names),
    ("drain: preStop pause and grace period", check_drain),
    ("Redis bounded, LRU, password from a Secret, reachable only from the server", check_redis),
    ("/metrics reachable only from the monitoring namespace", check_metrics_policy),
    ("images pinned", check_images),
    ("one namespace per overlay", check_namespace),
]


# --- mutations: each must make the check named beside it fail ----------------------------------

def _server_container(docs):
    return server_deployment(docs)["spec"]["template"]["spec"]["containers"][0]


def _settings_cm(docs):
    ref = _server_container(docs)["envFrom"][0]["configMapRef"]["name"]
    return named(docs, "ConfigMap", ref)


def _redis_policy(docs):
    return named(docs, "NetworkPolicy", REDIS_DEPLOYMENT)


def _server_policy(docs):
    return named(docs, "NetworkPolicy", "reportvalidation-server")


MUTATIONS = [
    ("readiness probe removed", "probes on every container", lambda d: _server_container(d).pop("readinessProbe")),
    ("memory limit removed", "requests and limits on every container", lambda d: _server_container(d)["resources"]["limits"].pop("memory")),
    ("runs as root", "non-root, read-only, no capabilities", lambda d: (_server_container(d)["securityContext"].pop("runAsNonRoot"),
                                server_deployment(d)["spec"]["template"]["spec"]["securityContext"].update(runAsNonRoot=False, runAsUser=0))),
    ("writable root filesystem", "non-root, read-only, no capabilities", lambda d: _server_container(d)["securityContext"].update(readOnlyRootFilesystem=False)),
    ("pod label renamed", "selectors match labels", lambda d: server_deployment(d)["spec"]["template"]["metadata"]["labels"].update({"app.kubernetes.io/component": "api"})),
    ("HPA aimed elsewhere", "HPA on CPU targets the server Deployment", lambda d: of_kind(d, "HorizontalPodAutoscaler")[0]["spec"]["scaleTargetRef"].update(name="other")),
    ("replicas pinned beside the HPA", "HPA on CPU targets the server Deployment", lambda d: server_deployment(d)["spec"].update(replicas=3)),
    ("PDB selects nothing", "PDB targets the server Deployment", lambda d: of_kind(d, "PodDisruptionBudget")[0]["spec"]["selector"]["matchLabels"].update({"app.kubernetes.io/name": "other"})),
    ("gRPC port moved in settings only", "ports and probes match the server's settings", lambda d: _settings_cm(d)["data"].update(Server__GrpcPort="6080")),
    ("probe on the HTTP/1.1 port", "ports and probes match the server's settings", lambda d: _server_container(d)["livenessProbe"]["grpc"].update(port=5081)),
    ("misspelt setting", "setting names exist in the server", lambda d: _settings_cm(d)["data"].update(Redis__Configuraton="x:6379")),
    ("grace period shorter than the drain", "drain: preStop pause and grace period", lambda d: server_deployment(d)["spec"]["template"]["spec"].update(terminationGracePeriodSeconds=20)),
    ("Redis open to every pod", "Redis bounded, LRU, password from a Secret, reachable only from the server", lambda d: _redis_policy(d)["spec"]["ingress"][0].pop("from")),
    ("Redis without eviction policy", "Redis bounded, LRU, password from a Secret, reachable only from the server", lambda d: named(d, "ConfigMap", next(
        v["configMap"]["name"] for v in named(d, "Deployment", REDIS_DEPLOYMENT)["spec"]["template"]["spec"]["volumes"] if "configMap" in v)
        )["data"].update({"redis.conf": "maxmemory 192mb\n"})),
    ("server pointed at a wrong Redis", "Redis bounded, LRU, password from a Secret, reachable only from the server", lambda d: _settings_cm(d)["data"].update(Redis__Configuration="redis:6380")),
    ("Redis without requirepass", "Redis bounded, LRU, password from a Secret, reachable only from the server",
        lambda d: named(d, "Deployment", REDIS_DEPLOYMENT)["spec"]["template"]["spec"]["containers"][0].update(args=["/etc/redis/redis.conf"])),
    ("server without the Redis password", "Redis bounded, LRU, password from a Secret, reachable only from the server",
        lambda d: _server_container(d).update(env=[e for e in _server_container(d)["env"] if e["name"] != "Redis__Password"])),
    ("metrics port open to every namespace", "/metrics reachable only from the monitoring namespace",
        lambda d: _server_policy(d)["spec"]["ingress"][1].pop("from")),
    ("metrics port added to the public rule", "/metrics reachable only from the monitoring namespace",
        lambda d: _server_policy(d)["spec"]["ingress"][0]["ports"].append({"port": "metrics", "protocol": "TCP"})),
    ("metrics back on the public port", "/metrics reachable only from the monitoring namespace",
        lambda d: _settings_cm(d)["data"].pop("Server__MetricsPort")),
    ("zone spread dropped", "spread across nodes and zones", lambda d: server_deployment(d)["spec"]["template"]["spec"]["topologySpreadConstraints"].pop()),
    ("image on latest", "images pinned", lambda d: _server_container(d).update(image="registry.example.internal/reportvalidation/server:latest")),
]


def check_dockerfile(root, appsettings):
    """The image the overlays run: multi-stage, SDK build, aspnet runtime, non-root, the server's ports."""
    path = os.path.join(root, "Dockerfile")
    if not os.path.exists(path):
        return ["no Dockerfile"]
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.strip().startswith("#")]
    froms = [l.split()[1] for l in lines if l.upper().startswith("FROM ")]
    problems = []
    if len(froms) < 2 or "dotnet/sdk" not in froms[0]:
        problems.append("not a multi-stage build starting from the .NET SDK image")
    if not froms or "dotnet/aspnet" not in froms[-1]:
        problems.append("the final stage does not run on the aspnet runtime image")
    final = lines[max(i for i, l in enumerate(lines) if l.upper().startswith("FROM ")):] if froms else []
    users = [l.split(None, 1)[1] for l in final if l.upper().startswith("USER ")]
    if not users or users[-1] in ("root", "0", "0:0"):
        problems.append("the final stage does not switch to a non-root user")
    exposed = {int(p.split("/")[0]) for l in final if l.upper().startswith("EXPOSE ") for p in l.split()[1:]}
    wanted = {appsettings["Server"]["GrpcPort"], appsettings["Server"]["HttpPort"]}
    if exposed != wanted:
        problems.append(f"EXPOSE {sorted(exposed)} but the server listens on {sorted(wanted)}")
    if not any("ReportValidation.Server.dll" in l for l in final if l.upper().startswith("ENTRYPOINT")):
        problems.append("the entry point does not start ReportValidation.Server.dll")
    return problems


SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schema")


def schema_check(renders):
    """Type-checks rendered objects against the Kubernetes API types of the kubernetes-models package
    (tests/k8s/schema): TypeScript's excess-property check on object literals makes an unknown or
    misspelt field an error, which `kubectl kustomize` alone never reports. One tsc run for all
    renders (name -> docs); returns name -> problems."""
    tsc = os.path.join(SCHEMA_DIR, "node_modules", "typescript", "bin", "tsc")
    if not os.path.exists(tsc):
        return {name: ["tests/k8s/schema is not installed (npm ci there)"] for name in renders}
    work = tempfile.mkdtemp(prefix="k8s-schema-", dir=SCHEMA_DIR)
    files = {}
    problems = {name: [] for name in renders}
    for name, docs in renders.items():
        imports, bodies = {}, []
        for i, d in enumerate(docs):
            group_version, kind = d.get("apiVersion", ""), d.get("kind", "")
            module = f"kubernetes-models/{group_version}/{kind}"
            if not os.path.exists(os.path.join(SCHEMA_DIR, "node_modules", module + ".d.ts")):
                problems[name].append(f"{kind} {group_version} is not a Kubernetes API type")
                continue
            alias = "T_" + re.sub(r"\W", "_", f"{group_version}_{kind}")
            imports[alias] = f'import type {{ I{kind} as {alias} }} from "{module}";'
            bodies.append(f"export const o{i}: {alias} = {json.dumps(d, indent=1)};")
        path = os.path.join(work, re.sub(r"\W", "_", name) + ".mts")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(imports.values()) + "\n" + "\n".join(bodies) + "\n")
        files[path] = name
    out = subprocess.run(["node", tsc, "--noEmit", "--strict", "--module", "node16", "--moduleResolution", "node16",
                          "--target", "es2022", "--skipLibCheck", *files], capture_output=True, text=True, cwd=SCHEMA_DIR)
    for line in out.stdout.splitlines():
        m = re.match(r"(.+?\.mts)\((\d+),\d+\): error (TS\d+: .*)", line)
        if m:
            name = files.get(os.path.join(SCHEMA_DIR, m.group(1)) if not os.path.isabs(m.group(1)) else m.group(1))
            if name in problems:
                problems[name].append(f"line {m.group(2)}: {m.group(3)}")
    if out.returncode != 0 and not any(problems.values()):
        for name in problems:
            problems[name].append(f"tsc failed: {(out.stdout + out.stderr).strip()[:400]}")
    for path in files:
        os.remove(path)
    os.rmdir(work)
    return problems


def run_checks(docs, appsettings):
    results = []
    for name, check in CHECKS:
        try:
            problems = check(docs, appsettings)
        except (AssertionError, KeyError, TypeError, ValueError) as e:
            problems = [f"{type(e).__name__}: {e}"]
        results.append((name, problems))
    return results


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
    appsettings, settings_source = server_settings(root)
    print(f"server settings from {os.path.relpath(settings_source, root)}")
    overlays_dir = os.path.join(root, "k8s", "overlays")
    overlays = sorted(o for o in os.listdir(overlays_dir) if os.path.isfile(os.path.join(overlays_dir, o, "kustomization.yaml")))
    passed = failed = 0
    rendered = {}

    def report(ok, label, problems=()):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"PASS {label}")
        else:
            failed += 1
            print(f"FAIL {label}")
            for p in problems:
                print(f"     - {p}")

    for overlay in overlays:
        try:
            rendered[overlay] = render(os.path.join(overlays_dir, overlay))
            report(True, f"{overlay}: renders ({len(rendered[overlay])} objects)")
        except subprocess.CalledProcessError as e:
            report(False, f"{overlay}: renders", [e.stderr.strip()])
            continue
        for name, problems in run_checks(rendered[overlay], appsettings):
            report(not problems, f"{overlay}: {name}", problems)

    # Valid API objects, field by field; plus one render with a misspelt field that must be caught.
    if rendered:
        renders = dict(rendered)
        base = rendered.get("prod") or next(iter(rendered.values()))
        misspelt = copy.deepcopy(base)
        _server_container(misspelt)["readinesProbe"] = _server_container(misspelt).pop("readinessProbe")
        renders["mutation: misspelt field"] = misspelt
        schema = schema_check(renders)
        for name in rendered:
            report(not schema[name], f"{name}: valid Kubernetes API objects, no unknown fields", schema[name])
        report(bool(schema["mutation: misspelt field"]) and "readinesProbe" in " ".join(schema["mutation: misspelt field"]),
               "mutation caught: misspelt field readinesProbe (by: Kubernetes API types)", ["tsc accepted it"])

    problems = check_dockerfile(root, appsettings)
    report(not problems, "Dockerfile: multi-stage, aspnet runtime, non-root, the server's ports", problems)

    # The checks can fail: each mutation of a clean render must be caught.
    base = rendered.get("prod") or next(iter(rendered.values()), None)
    if base is not None and not any(run_checks(base, appsettings)[i][1] for i in range(len(CHECKS))):
        for label, expected, mutate in MUTATIONS:
            docs = copy.deepcopy(base)
            mutate(docs)
            caught = dict(run_checks(docs, appsettings)).get(expected)
            report(bool(caught), f"mutation caught: {label} (by: {expected})",
                   [f"'{expected}' still passes"])
    else:
        report(False, "mutations", ["no clean prod render to mutate"])

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
