// Simulation panels in the note viewer. Loaded before noteViewer.js, which hands over the webview API. The
// extension computes every number and sentence (src/core/sim); this script only sends the panel's settings as a
// validated message, draws the result into the SVG with createElementNS/setAttribute, and puts the text into the
// live region with textContent. It never builds HTML, and colours come from CSS classes (theme variables).
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const COLOURS = 8;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  function svgElement(name, attributes, className) {
    const element = document.createElementNS(SVG, name);
    for (const key of Object.keys(attributes)) element.setAttribute(key, String(attributes[key]));
    if (className) element.setAttribute('class', className);
    return element;
  }

  function polar(at, radius) {
    const angle = at * 2 * Math.PI - Math.PI / 2;
    return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
  }

  function ringAfter(state) {
    return state.change === 'add' ? state.nodes + 1 : state.change === 'remove' ? state.nodes - 1 : state.nodes;
  }

  function start(vscode) {
    const figures = Array.from(document.querySelectorAll('figure.sc-sim[data-sim]'));
    if (figures.length === 0) return;
    const saved = (vscode.getState() || {}).sims || {};
    const states = {};
    const latest = {};
    const keyDots = {};
    let nextRequest = 1;

    function persist() {
      const state = vscode.getState() || {};
      state.sims = states;
      vscode.setState(state);
    }

    function control(figure, selector) {
      return figure.querySelector(selector);
    }

    function request(figure) {
      const id = figure.id;
      const state = states[id];
      const requestId = nextRequest++;
      latest[id] = requestId;
      figure.setAttribute('aria-busy', 'true');
      const body = figure.dataset.sim === 'ring'
        ? { sim: 'ring', nodes: state.nodes, vnodes: state.vnodes, change: state.change }
        : { sim: 'routing', instances: state.instances, fail: state.fail, deploy: state.deploy, affinity: state.affinity, store: state.store };
      vscode.postMessage({ type: 'simulate', panel: id, requestId: requestId, request: body });
      syncControls(figure);
      persist();
    }

    function syncControls(figure) {
      const state = states[figure.id];
      if (figure.dataset.sim === 'ring') {
        const after = ringAfter(state);
        control(figure, '[data-sim-action="add"]').disabled = after >= Number(figure.dataset.maxNodes);
        control(figure, '[data-sim-action="remove"]').disabled = after <= Number(figure.dataset.minNodes);
        control(figure, '[data-sim-input="vnodes"]').value = String(state.vnodes);
        control(figure, '[data-sim-output="vnodes"]').textContent = String(state.vnodes);
      } else {
        control(figure, '[data-sim-action="fail"]').disabled = state.fail >= state.instances - 1;
        control(figure, '[data-sim-action="deploy"]').disabled = state.deploy;
        control(figure, '[data-sim-input="instances"]').value = String(state.instances);
        control(figure, '[data-sim-output="instances"]').textContent = String(state.instances);
        control(figure, '[data-sim-input="affinity"]').checked = state.affinity;
        for (const radio of figure.querySelectorAll('[data-sim-input="store"]')) radio.checked = radio.value === state.store;
      }
    }

    function drawRing(figure, result) {
      const svg = control(figure, 'svg');
      svg.setAttribute('viewBox', '-120 -120 240 240');
      let ticks = svg.querySelector('g.sc-sim-ticks');
      if (ticks) ticks.remove();
      if (!svg.querySelector('circle.sc-sim-track')) svg.appendChild(svgElement('circle', { cx: 0, cy: 0, r: 95 }, 'sc-sim-track'));
      ticks = svgElement('g', {}, 'sc-sim-ticks');
      for (const point of result.drawing.points) {
        const inner = polar(point.at, 89);
        const outer = polar(point.at, 101);
        ticks.appendChild(svgElement('line', { x1: inner.x.toFixed(2), y1: inner.y.toFixed(2), x2: outer.x.toFixed(2), y2: outer.y.toFixed(2) }, 'sc-sim-tick sc-sim-c' + (point.node % COLOURS)));
      }
      svg.insertBefore(ticks, svg.firstChild.nextSibling);
      let keys = keyDots[figure.id];
      if (!keys) {
        keys = [];
        const group = svgElement('g', {}, 'sc-sim-keys');
        svg.appendChild(group);
        keyDots[figure.id] = keys;
        keys.group = group;
      }
      result.drawing.keys.forEach(function (key, index) {
        let dot = keys[index];
        const where = polar(key.at, 62 + (index % 4) * 6);
        if (!dot) {
          dot = svgElement('circle', { r: 2.4 });
          keys.group.appendChild(dot);
          keys[index] = dot;
        }
        dot.setAttribute('cx', where.x.toFixed(2));
        dot.setAttribute('cy', where.y.toFixed(2));
        const moved = key.before !== key.after;
        const finalClass = 'sc-sim-key sc-sim-c' + (key.after % COLOURS) + (moved ? ' sc-sim-moved' : '');
        dot.setAttribute('r', moved ? '3.6' : '2.4');
        if (moved && !reducedMotion.matches) {
          // Start in the old owner's colour, then let the CSS transition recolour it to the new owner's.
          dot.setAttribute('class', 'sc-sim-key sc-sim-c' + (key.before % COLOURS));
          requestAnimationFrame(function () { requestAnimationFrame(function () { dot.setAttribute('class', finalClass); }); });
        } else {
          dot.setAttribute('class', finalClass);
        }
      });
    }

    function drawRouting(figure, result) {
      const svg = control(figure, 'svg');
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      const count = result.instances.length;
      const columns = Math.min(4, count);
      const rows = Math.ceil(count / columns);
      const width = 54;
      const height = Math.min(66, 220 / rows - 8);
      // Fit the picture to the rows of boxes, so a single row does not float in an empty square.
      const totalHeight = rows * (height + 8) - 8;
      svg.setAttribute('viewBox', '-120 ' + (-(totalHeight / 2) - 6).toFixed(1) + ' 240 ' + (totalHeight + 12).toFixed(1));
      const boxes = [];
      result.instances.forEach(function (status, index) {
        const column = index % columns;
        const row = Math.floor(index / columns);
        const x = -((columns * (width + 6)) - 6) / 2 + column * (width + 6);
        const y = -((rows * (height + 8)) - 8) / 2 + row * (height + 8);
        svg.appendChild(svgElement('rect', { x: x.toFixed(1), y: y.toFixed(1), width: width, height: height, rx: 3 }, 'sc-sim-instance' + (status === 'failed' ? ' sc-sim-down' : '')));
        const label = svgElement('text', { x: (x + 4).toFixed(1), y: (y + 10).toFixed(1) }, 'sc-sim-label');
        label.textContent = (status === 'failed' ? '✕ ' : '') + (index + 1);
        svg.appendChild(label);
        boxes.push({ x: x, y: y, used: 0 });
      });
      result.sessions.forEach(function (session) {
        const box = boxes[session.instance];
        const slot = box.used++;
        const cx = box.x + 8 + (slot % 6) * 7.6;
        const cy = box.y + 18 + Math.floor(slot / 6) * 7.6;
        svg.appendChild(svgElement('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: 2.8 }, 'sc-sim-session sc-sim-c' + (session.instance % COLOURS) + (session.lost ? ' sc-sim-lost' : '')));
      });
    }

    window.addEventListener('message', function (event) {
      const message = event.data;
      if (!message || message.type !== 'simResult' || typeof message.panel !== 'string') return;
      const figure = document.getElementById(message.panel);
      if (!figure || !figure.matches('figure.sc-sim') || latest[message.panel] !== message.requestId) return;
      const result = message.result;
      if (result.sim === 'ring' && figure.dataset.sim === 'ring') drawRing(figure, result);
      else if (result.sim === 'routing' && figure.dataset.sim === 'routing') drawRouting(figure, result);
      else return;
      control(figure, '[data-sim-headline]').textContent = result.headline;
      control(figure, '[data-sim-live]').textContent = result.summary;
      figure.removeAttribute('aria-busy');
    });

    for (const figure of figures) {
      const id = figure.id;
      const previous = saved[id];
      if (figure.dataset.sim === 'ring') {
        const vnodes = Number(control(figure, '[data-sim-input="vnodes"]').value);
        states[id] = previous && previous.kind === 'ring' ? previous : { kind: 'ring', nodes: Number(figure.dataset.initialNodes), vnodes: vnodes, change: 'none' };
        figure.addEventListener('click', function (event) {
          const button = event.target instanceof Element ? event.target.closest('button[data-sim-action]') : null;
          if (!button) return;
          const state = states[id];
          const action = button.getAttribute('data-sim-action');
          if (action !== 'add' && action !== 'remove') return;
          states[id] = { kind: 'ring', nodes: ringAfter(state), vnodes: state.vnodes, change: action };
          request(figure);
        });
        control(figure, '[data-sim-input="vnodes"]').addEventListener('input', function (event) {
          states[id] = Object.assign({}, states[id], { vnodes: Number(event.target.value) });
          request(figure);
        });
      } else {
        const instances = Number(control(figure, '[data-sim-input="instances"]').value);
        states[id] = previous && previous.kind === 'routing' ? previous : { kind: 'routing', instances: instances, fail: 0, deploy: false, affinity: true, store: 'memory' };
        figure.addEventListener('click', function (event) {
          const button = event.target instanceof Element ? event.target.closest('button[data-sim-action]') : null;
          if (!button) return;
          const state = Object.assign({}, states[id]);
          switch (button.getAttribute('data-sim-action')) {
            case 'fail': state.fail = Math.min(state.fail + 1, state.instances - 1); break;
            case 'deploy': state.deploy = true; break;
            case 'reset': state.fail = 0; state.deploy = false; break;
            default: return;
          }
          states[id] = state;
          request(figure);
        });
        figure.addEventListener('change', function (event) {
          const input = event.target;
          if (!(input instanceof HTMLInputElement)) return;
          const state = Object.assign({}, states[id]);
          switch (input.getAttribute('data-sim-input')) {
            case 'instances': state.instances = Number(input.value); state.fail = Math.min(state.fail, state.instances - 1); break;
            case 'affinity': state.affinity = input.checked; break;
            case 'store': if (input.checked) state.store = input.value === 'external' ? 'external' : 'memory'; break;
            default: return;
          }
          states[id] = state;
          request(figure);
        });
        control(figure, '[data-sim-input="instances"]').addEventListener('input', function (event) {
          control(figure, '[data-sim-output="instances"]').textContent = event.target.value;
        });
      }
      request(figure);
    }
  }

  window.StatecraftSimPanels = { start: start };
})();
