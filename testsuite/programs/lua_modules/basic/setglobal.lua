-- setglobal: a module that defines a global instead of returning a table
APP_NAME = "weft-demo"

function greet(who)
  return "hello from " .. APP_NAME .. ", " .. who
end
