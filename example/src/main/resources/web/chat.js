// The browser side of the example chat: one WebSocket to /chat/{room}?name=…, JSON frames.
// Names and texts come from other people: they only ever reach the page as textContent.
"use strict";

const $ = (id) => document.getElementById(id);
const MAX_TEXT = 2000;
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 5000;

let socket = null;
let me = null;          // { name, room } once joined
let members = new Map(); // name → how many connections use it
let retryMs = RETRY_FIRST_MS;
let retryTimer = null;
let everConnected = false;

function setStatus(state, text) {
  const status = $("status");
  status.dataset.state = state;
  status.textContent = text;
}

function chatUrl(room, name) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/chat/${encodeURIComponent(room)}?name=${encodeURIComponent(name)}`;
}

function timeOf(iso) {
  const time = document.createElement("time");
  const date = new Date(iso);
  const valid = !Number.isNaN(date.getTime());
  time.dateTime = valid ? date.toISOString() : "";
  time.textContent = valid ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "";
  if (valid) time.title = date.toLocaleString();
  return time;
}

function addEntry(className, iso, parts) {
  const log = $("log");
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  const item = document.createElement("li");
  item.className = className;
  item.append(timeOf(iso), ...parts);
  log.append(item);
  if (atBottom) log.scrollTop = log.scrollHeight;
}

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = String(text ?? "");
  return element;
}

function addMessage(user, text, iso) {
  addEntry(user === me.name ? "message mine" : "message", iso, [span("user", user), span("text", text)]);
}

function addEvent(text, iso) {
  addEntry("event", iso, [span("text", text)]);
}

function renderMembers() {
  const list = $("members");
  const names = [...members.keys()].sort((a, b) => a.localeCompare(b));
  list.replaceChildren(...names.map((name) => {
    const item = document.createElement("li");
    item.textContent = name;
    if (name === me.name) item.className = "me";
    return item;
  }));
  $("member-count").textContent = String(names.length);
}

function countMember(name, delta) {
  const count = (members.get(name) ?? 0) + delta;
  if (count > 0) members.set(name, count); else members.delete(name);
  renderMembers();
}

function onFrame(event) {
  let frame;
  try { frame = JSON.parse(event.data); } catch { return; }
  switch (frame.type) {
    case "welcome":
      members = new Map();
      for (const name of frame.members ?? []) countMember(String(name), 1);
      renderMembers();
      if (!everConnected) {
        for (const past of frame.recent ?? []) addMessage(String(past.user), String(past.text), past.time);
      }
      setStatus("connected", `Connected as ${frame.you} in #${me.room}`);
      if (everConnected) addEvent("Reconnected", new Date().toISOString());
      everConnected = true;
      retryMs = RETRY_FIRST_MS;
      $("send").disabled = false;
      break;
    case "joined":
      countMember(String(frame.user), 1);
      addEvent(`${frame.user} joined`, frame.time);
      break;
    case "left":
      countMember(String(frame.user), -1);
      addEvent(`${frame.user} left`, frame.time);
      break;
    case "message":
      addMessage(String(frame.user), String(frame.text), frame.time);
      break;
  }
}

function connect() {
  retryTimer = null;
  const current = new WebSocket(chatUrl(me.room, me.name));
  socket = current;
  current.onmessage = onFrame;
  current.onclose = (event) => {
    if (socket !== current) return; // left, or replaced meanwhile
    socket = null;
    $("send").disabled = true;
    if (event.code === 1008) { // the server refused what we sent: retrying would not help
      setStatus("closed", `Disconnected: ${event.reason || "refused by the server"}`);
      return;
    }
    setStatus("reconnecting", "Reconnecting…");
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };
}

function join(event) {
  event.preventDefault();
  const name = $("name").value.trim();
  const room = $("room").value.trim();
  if (!name || !room) {
    $("join-error").textContent = "Both a name and a room, please.";
    return;
  }
  $("join-error").textContent = "";
  me = { name, room };
  members = new Map();
  everConnected = false;
  retryMs = RETRY_FIRST_MS;
  $("room-name").textContent = room;
  $("log").replaceChildren();
  renderMembers();
  $("join").hidden = true;
  $("chat").hidden = false;
  $("send").disabled = true;
  setStatus("connecting", "Connecting…");
  connect();
  $("text").focus();
}

function say(event) {
  event.preventDefault();
  const input = $("text");
  const text = input.value;
  if (!text.trim() || !socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send(JSON.stringify({ type: "say", text: text.slice(0, MAX_TEXT) }));
  input.value = "";
  input.focus();
}

function leave() {
  const current = socket;
  socket = null;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  if (current) current.close(1000);
  me = null;
  $("chat").hidden = true;
  $("join").hidden = false;
  setStatus("idle", "Pick a name and a room.");
  $("name").focus();
}

$("join").addEventListener("submit", join);
$("say").addEventListener("submit", say);
$("leave").addEventListener("click", leave);
$("name").focus();
